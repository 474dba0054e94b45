using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portique.Common.Data;

namespace Portique.Annuaire;

internal sealed class LegalUnitConfiguration : IEntityTypeConfiguration<LegalUnit>
{
    public void Configure(EntityTypeBuilder<LegalUnit> b)
    {
        b.ToTable("directory_legal_units");
        b.HasKey(u => u.Siren);
        b.Property(u => u.Siren).HasMaxLength(9).IsMachineKey();
        b.Property(u => u.BusinessName).HaveMaxLengthAndRequired(LegalUnit.NameMaxLength);
        b.Property(u => u.NameKey).HaveMaxLengthAndRequired(LegalUnit.NameMaxLength);
        b.Property(u => u.EntityType).HasMaxLength(20);
        b.Property(u => u.AdministrativeStatus).HasMaxLength(1);
        b.Ignore(u => u.IsPublic);
        // Name-prefix search (lookup page, siren/search startWith): byte order, as the structures' name key.
        b.HasIndex(u => u.NameKey).UseCollation("C");
    }
}

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> b)
    {
        b.ToTable("directory_facilities");
        b.HasKey(f => f.Siret);
        b.Property(f => f.Siret).HasMaxLength(14).IsMachineKey();
        b.Property(f => f.Siren).HaveMaxLengthAndRequired(9).IsMachineKey();
        b.Property(f => f.Name).HaveMaxLengthAndRequired(100);
        b.Property(f => f.FacilityType).HasMaxLength(1);
        b.Property(f => f.AdministrativeStatus).HasMaxLength(1);
        b.ComplexProperty(f => f.Address, a =>
        {
            a.Property(x => x.Line1).HasMaxLength(255);
            a.Property(x => x.Line2).HasMaxLength(255);
            a.Property(x => x.Line3).HasMaxLength(255);
            a.Property(x => x.PostalCode).HasMaxLength(5);
            a.Property(x => x.Subdivision).HasMaxLength(100);
            a.Property(x => x.Locality).HasMaxLength(100);
            a.Property(x => x.CountryCode).HasMaxLength(2);
        });
        b.HasOne<LegalUnit>().WithMany().HasForeignKey(f => f.Siren).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => f.Siren);
    }
}

internal sealed class RoutingCodeConfiguration : IEntityTypeConfiguration<RoutingCode>
{
    public void Configure(EntityTypeBuilder<RoutingCode> b)
    {
        b.ToTable("directory_routing_codes");
        b.Property(r => r.Siret).HaveMaxLengthAndRequired(14).IsMachineKey();
        b.Property(r => r.RoutingIdentifier).HaveMaxLengthAndRequired(RoutingCode.MaxLength).IsMachineKey();
        b.Property(r => r.Name).HaveMaxLengthAndRequired(RoutingCode.MaxLength);
        b.Property(r => r.AdministrativeStatus).HasMaxLength(1);
        b.HasOne<Facility>().WithMany().HasForeignKey(r => r.Siret).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.Siret, r.RoutingIdentifier }).IsUnique();
    }
}

internal sealed class PlatformConfiguration : IEntityTypeConfiguration<Platform>
{
    public void Configure(EntityTypeBuilder<Platform> b)
    {
        b.ToTable("directory_platforms");
        b.HasKey(p => p.Matricule);
        b.Property(p => p.Matricule).HasMaxLength(4).IsMachineKey();
        b.Property(p => p.Name).HaveMaxLengthAndRequired(100);
        b.Property(p => p.Type).HasMaxLength(3);
        b.Property(p => p.BaseUrl).HasMaxLength(255);
        b.HasData(Platform.Seed());
    }
}

internal sealed class DirectoryLineConfiguration : IEntityTypeConfiguration<DirectoryLine>
{
    public void Configure(EntityTypeBuilder<DirectoryLine> b)
    {
        b.ToTable("directory_lines");
        b.HasKey(l => l.IdInstance);
        b.Property(l => l.AddressingIdentifier).HaveMaxLengthAndRequired(AddressingIdentifier.MaxLength).IsMachineKey();
        b.Property(l => l.Granularity).HasMaxLength(30);
        b.Property(l => l.Siren).HaveMaxLengthAndRequired(9).IsMachineKey();
        b.Property(l => l.Siret).HasMaxLength(14).IsMachineKey();
        b.Property(l => l.RoutingIdentifier).HasMaxLength(RoutingCode.MaxLength);
        b.Property(l => l.Suffix).HasMaxLength(100);
        b.Property(l => l.PlatformMatricule).HasMaxLength(4).IsMachineKey();
        b.HasOne<LegalUnit>().WithMany().HasForeignKey(l => l.Siren).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Facility>().WithMany().HasForeignKey(l => l.Siret).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Platform>().WithMany().HasForeignKey(l => l.PlatformMatricule).OnDelete(DeleteBehavior.Restrict);
        // Resolution reads an address's versions by identifier and start; the non-overlap of those versions is a database
        // constraint created by the DirectoryLineConstraints migration of each provider (EF cannot express it).
        b.HasIndex(l => new { l.AddressingIdentifier, l.ValidFrom }).IsUnique();
        b.HasIndex(l => l.Siren);
        b.HasIndex(l => l.Siret);
        b.HasIndex(l => l.PlatformMatricule);
    }
}
