using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Connections;

internal sealed class TechnicalAccountConfiguration : IEntityTypeConfiguration<TechnicalAccount>
{
    public void Configure(EntityTypeBuilder<TechnicalAccount> b)
    {
        b.ToTable("technical_accounts");
        b.HasOne<Structure>().WithMany().HasForeignKey(t => t.StructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.Login).HaveMaxLengthAndRequired(100);
        b.Property(t => t.NormalizedLogin).HaveMaxLengthAndRequired(100);
        b.Property(t => t.PasswordHash).HaveMaxLengthAndRequired(200);
        b.HasIndex(t => t.NormalizedLogin).IsUnique();
        b.HasIndex(t => t.StructureId);
    }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.ToTable("api_clients");
        b.HasOne<Structure>().WithMany().HasForeignKey(c => c.StructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Name).HaveMaxLengthAndRequired(100);
        b.Property(c => c.ClientId).HaveMaxLengthAndRequired(60);
        b.Property(c => c.SecretHash).HaveMaxLengthAndRequired(200);
        b.Ignore(c => c.IsActive);
        b.HasIndex(c => c.ClientId).IsUnique();
        b.HasIndex(c => c.StructureId);
    }
}
