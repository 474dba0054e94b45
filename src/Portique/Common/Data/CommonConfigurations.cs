using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portique.Common.Audit;
using Portique.Common.Mail;

namespace Portique.Common.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.Action).HaveMaxLengthAndRequired(80);
        b.Property(a => a.Details).HasMaxLength(2000);
        b.HasIndex(a => new { a.StructureId, a.At });
        b.HasIndex(a => new { a.TargetUserId, a.At });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.To).HaveMaxLengthAndRequired(254);
        b.Property(m => m.Subject).HaveMaxLengthAndRequired(300);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.DeduplicationKey).HasMaxLength(200);
        b.HasIndex(m => m.DeduplicationKey).IsUnique();
        // The worker's scan: unsent messages in order.
        b.HasIndex(m => new { m.SentAt, m.Id });
    }
}

internal static class PropertyBuilderExtensions
{
    public static PropertyBuilder<string> HaveMaxLengthAndRequired(this PropertyBuilder<string> p, int max) => p.HasMaxLength(max).IsRequired();

    internal const string MachineKeyAnnotation = "Portique:MachineKey";

    /// <summary>
    /// A key made by the portal (a normalised login or e-mail, an identifier, an enumeration's name), only ever compared
    /// for equality or sorted for an index: PortiqueDb gives it the "C" collation on PostgreSQL (byte order: equality is
    /// unchanged, index builds sort with abbreviated keys — 2 to 5 times faster at migration scale, docs/benchmarks.md).
    /// </summary>
    public static PropertyBuilder<T> IsMachineKey<T>(this PropertyBuilder<T> p) => p.HasAnnotation(MachineKeyAnnotation, true);
}
