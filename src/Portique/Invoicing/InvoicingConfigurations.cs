using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing;

internal sealed class FlowConfiguration : IEntityTypeConfiguration<Flow>
{
    public void Configure(EntityTypeBuilder<Flow> b)
    {
        b.ToTable("flows");
        b.Property(f => f.Number).HasMaxLength(30);
        b.Property(f => f.FileName).HaveMaxLengthAndRequired(200);
        b.Property(f => f.Sha256).HaveMaxLengthAndRequired(64);
        b.Property(f => f.DepositMode).HaveMaxLengthAndRequired(30);
        b.HasIndex(f => f.Number);
        b.HasIndex(f => new { f.StructureId, f.Id });
        b.HasOne<Structure>().WithMany().HasForeignKey(f => f.StructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(f => f.DepositorUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(f => f.Findings).WithOne().HasForeignKey(x => x.FlowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FlowFindingConfiguration : IEntityTypeConfiguration<FlowFinding>
{
    public void Configure(EntityTypeBuilder<FlowFinding> b)
    {
        b.ToTable("flow_findings");
        b.Property(f => f.Document).HaveMaxLengthAndRequired(200);
        b.Property(f => f.InvoiceNumber).HasMaxLength(40);
        b.Property(f => f.Rule).HaveMaxLengthAndRequired(40);
        b.Property(f => f.Message).HaveMaxLengthAndRequired(1000);
    }
}

internal sealed class DepositJobConfiguration : IEntityTypeConfiguration<DepositJob>
{
    public void Configure(EntityTypeBuilder<DepositJob> b)
    {
        b.ToTable("deposit_jobs");
        b.Property(j => j.LastError).HasMaxLength(1000);
        b.HasIndex(j => j.FlowId).IsUnique();
        b.HasOne<Flow>().WithMany().HasForeignKey(j => j.FlowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("invoices");
        b.Property(i => i.Number).HaveMaxLengthAndRequired(20);
        b.Property(i => i.InvoiceType).HaveMaxLengthAndRequired(20);
        b.Property(i => i.Currency).HaveMaxLengthAndRequired(3);
        b.Property(i => i.Cadre).HasMaxLength(20);
        b.Property(i => i.CommitmentNumber).HasMaxLength(50);
        b.Property(i => i.DepositMode).HaveMaxLengthAndRequired(30);
        b.Property(i => i.SupplierName).HaveMaxLengthAndRequired(200);
        b.Property(i => i.RecipientName).HaveMaxLengthAndRequired(200);
        b.Property(i => i.MandateNumber).HasMaxLength(50);
        foreach (var amount in new[] { nameof(Invoice.AmountExclVat), nameof(Invoice.VatAmount), nameof(Invoice.AmountInclVat), nameof(Invoice.AmountDue) })
            b.Property(amount).HasPrecision(19, 2);
        // A number is unique per supplier and year, whatever the channel: the index is the last word on a race. Number before
        // year, so the same index finds a supplier's invoice by number.
        b.HasIndex(i => new { i.SupplierStructureId, i.Number, i.NumberYear }).IsUnique();
        b.HasIndex(i => new { i.RecipientStructureId, i.Number });
        // Search lists of each side, newest deposit first: (structure, deposit day, id) serves the list, a deposit-date range
        // and their order at once; the status filter has its own (docs/benchmarks.md).
        b.HasIndex(i => new { i.RecipientStructureId, i.DepositedOn, i.Id });
        b.HasIndex(i => new { i.RecipientStructureId, i.Status, i.DepositedOn, i.Id });
        b.HasIndex(i => new { i.SupplierStructureId, i.DepositedOn, i.Id });
        b.HasIndex(i => i.FlowId);
        b.HasOne<Structure>().WithMany().HasForeignKey(i => i.SupplierStructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Structure>().WithMany().HasForeignKey(i => i.RecipientStructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Service>().WithMany().HasForeignKey(i => i.RecipientServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Flow>().WithMany().HasForeignKey(i => i.FlowId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.History).WithOne().HasForeignKey(h => h.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoiceHistoryConfiguration : IEntityTypeConfiguration<InvoiceHistoryEntry>
{
    public void Configure(EntityTypeBuilder<InvoiceHistoryEntry> b)
    {
        b.ToTable("invoice_history");
        b.Property(h => h.Action).HaveMaxLengthAndRequired(30);
        b.Property(h => h.Comment).HasMaxLength(Invoice.ReasonMaxLength);
        b.HasIndex(h => new { h.InvoiceId, h.Id });
    }
}

internal sealed class InvoiceOriginalConfiguration : IEntityTypeConfiguration<InvoiceOriginal>
{
    public void Configure(EntityTypeBuilder<InvoiceOriginal> b)
    {
        b.ToTable("invoice_originals");
        b.HasKey(o => o.InvoiceId);
        b.Property(o => o.FileName).HaveMaxLengthAndRequired(200);
        b.Property(o => o.ContentType).HaveMaxLengthAndRequired(50);
        b.Property(o => o.Sha256).HaveMaxLengthAndRequired(64);
        b.HasOne<Invoice>().WithOne().HasForeignKey<InvoiceOriginal>(o => o.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoiceAttachmentConfiguration : IEntityTypeConfiguration<InvoiceAttachment>
{
    public void Configure(EntityTypeBuilder<InvoiceAttachment> b)
    {
        b.ToTable("invoice_attachments");
        b.Property(a => a.FileName).HaveMaxLengthAndRequired(50);
        b.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
