using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portique.Accounts;
using Portique.Approvals;
using Portique.Common.Audit;
using Portique.Common.Mail;
using Portique.Connections;
using Portique.Organisation;

namespace Portique.Common.Data;

/// <summary>The one DbContext. Each module keeps its entity configurations in its own folder; they are discovered here.</summary>
public sealed class PortiqueDb(DbContextOptions<PortiqueDb> options) : IdentityDbContext<User, IdentityRole<long>, long>(options), IDataProtectionKeyContext
{
    public DbSet<Structure> Structures => Set<Structure>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Habilitation> Habilitations => Set<Habilitation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<TechnicalAccount> TechnicalAccounts => Set<TechnicalAccount>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    /// <summary>The Data Protection key ring, shared by every node (Common/Security/KeyRing).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortiqueDb).Assembly);
        builder.Entity<User>(u =>
        {
            u.Property(x => x.NormalizedUserName).IsMachineKey();
            u.Property(x => x.NormalizedEmail).IsMachineKey();
        });
        // SQLite's default BINARY order is already byte order (and it has no "C" collation); the marker itself stays out
        // of the migrations.
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).ToList())
        {
            if (property.FindAnnotation(PropertyBuilderExtensions.MachineKeyAnnotation) is null)
                continue;
            if (IsPostgres)
                property.SetCollation("C");
            property.RemoveAnnotation(PropertyBuilderExtensions.MachineKeyAnnotation);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
