using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Organisation.BankAccounts;

namespace Portique.Organisation;

internal sealed class StructureConfiguration : IEntityTypeConfiguration<Structure>
{
    public void Configure(EntityTypeBuilder<Structure> b)
    {
        b.ToTable("structures");
        b.Property(s => s.Identifier).HaveMaxLengthAndRequired(80).IsMachineKey();
        b.Property(s => s.IdentifierType).IsMachineKey();
        b.Property(s => s.Name).HaveMaxLengthAndRequired(200);
        b.Property(s => s.Email).HasMaxLength(254);
        b.Property(s => s.VatNumber).HasMaxLength(20);
        // Identifier first: the same index serves a search by identifier alone and by type + identifier.
        b.HasIndex(s => new { s.Identifier, s.IdentifierType }).IsUnique();
        // Name-prefix search on PostgreSQL: a b-tree in the "C" collation serves both LIKE 'X%' and the ORDER BY of the
        // search (which SearchStructuresHandler sorts in "C" too); carrying IsActive lets the count of a common prefix
        // run as an index-only scan (docs/benchmarks.md). SQLite ignores both annotations; its BINARY order is the same.
        b.Property(s => s.NameKey).HaveMaxLengthAndRequired(200);
        b.HasIndex(s => s.NameKey).UseCollation("C").IncludeProperties(s => s.IsActive);
        b.ComplexProperty(s => s.Address, a =>
        {
            a.Property(x => x.Line1).HasMaxLength(200);
            a.Property(x => x.Line2).HasMaxLength(200);
            a.Property(x => x.PostCode).HasMaxLength(10);
            a.Property(x => x.City).HasMaxLength(100);
            a.Property(x => x.CountryCode).HasMaxLength(2);
        });
        b.ComplexProperty(s => s.Parameters, p =>
        {
            p.Property(x => x.ServiceCodeRequired);
            p.Property(x => x.CommitmentNumberRequired);
            p.Property(x => x.ServiceCodeOrCommitmentRequired);
            p.Property(x => x.PaymentStatusNotReported);
            p.Property(x => x.MoaOnly);
            p.Property(x => x.ManagesMoa);
            p.Property(x => x.EdiConnection);
            p.Property(x => x.ReceivesViaEdi);
            p.Property(x => x.DelegatedValidator);
            p.Property(x => x.InseeNonDiffusible);
        });
        b.HasMany(s => s.Services).WithOne().HasForeignKey(s => s.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.ToTable("services");
        b.Property(s => s.Code).HaveMaxLengthAndRequired(100);
        b.Property(s => s.Name).HaveMaxLengthAndRequired(200);
        b.HasIndex(s => new { s.StructureId, s.Code }).IsUnique();
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasOne<Structure>().WithMany().HasForeignKey(m => m.StructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Habilitations).WithOne().HasForeignKey(h => h.MembershipId).OnDelete(DeleteBehavior.Cascade);
        b.PrimitiveCollection(m => m.ServiceIds);
        b.HasIndex(m => new { m.StructureId, m.UserId }).IsUnique();
        b.HasIndex(m => new { m.UserId, m.IsActive });
        b.Navigation(m => m.Habilitations).AutoInclude();
    }
}

internal sealed class HabilitationConfiguration : IEntityTypeConfiguration<Habilitation>
{
    public void Configure(EntityTypeBuilder<Habilitation> b)
    {
        b.ToTable("habilitations");
        // The one table of tens of millions of rows (10.7 M at the national migration): its two enumerations are stored as
        // their numbers (explicit and fixed in PortalApplication and HabilitationProfile), not by name as elsewhere — a
        // third of the table's size, and of the time to load it, index it and check its foreign key (docs/benchmarks.md).
        b.Property(h => h.Application).HasConversion<short>().Metadata.SetMaxLength(null);
        b.Property(h => h.Profile).HasConversion<short>().Metadata.SetMaxLength(null);
        // Every read goes through the membership (its habilitations are auto-included, about seven each): the key alone
        // serves them, and an index without the text column is a third of the size and of the build at migration scale.
        b.HasIndex(h => h.MembershipId);
    }
}

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> b)
    {
        b.ToTable("bank_accounts");
        b.Property(a => a.Name).HaveMaxLengthAndRequired(100);
        b.Property(a => a.Iban).HaveMaxLengthAndRequired(34);
        b.Property(a => a.Bic).HasMaxLength(11);
        b.HasOne<Structure>().WithMany().HasForeignKey(a => a.StructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.StructureId, a.Iban }).IsUnique();
    }
}
