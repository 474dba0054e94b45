using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portique.Refunds;

internal sealed class RefundRequestConfiguration : IEntityTypeConfiguration<RefundRequest>
{
    public void Configure(EntityTypeBuilder<RefundRequest> b)
    {
        b.ToTable("refund_requests");
        // One request per beneficiary and delivery year, also under a race between two submissions.
        b.HasIndex(r => new { r.StructureId, r.DeliveryYear }).IsUnique();
        b.HasIndex(r => new { r.Status, r.Id });
        b.HasOne<Organisation.Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.BankDetailsReference).HasMaxLength(RefundRequest.BankReferenceMaxLength).IsRequired();
        b.Property(r => r.RefusalReason).HasMaxLength(RefundRequest.ReasonMaxLength);
        b.Property(r => r.Total).HasPrecision(14, 2);
        b.Property(r => r.AdvancePercent).HasPrecision(5, 2);
        b.Property(r => r.AdvanceAmount).HasPrecision(14, 2);
        b.Property(r => r.DeductedAdvance).HasPrecision(14, 2);
        b.Property(r => r.Balance).HasPrecision(14, 2);
        b.Ignore(r => r.AmountToRepay);
        b.Ignore(r => r.NextStatuses);
        b.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RefundRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.History).WithOne().HasForeignKey(e => e.RefundRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RefundLineConfiguration : IEntityTypeConfiguration<RefundLine>
{
    public void Configure(EntityTypeBuilder<RefundLine> b)
    {
        b.ToTable("refund_lines");
        b.HasIndex(l => new { l.RefundRequestId, l.Number }).IsUnique();
        b.Property(l => l.InvoiceNumber).HasMaxLength(50).IsRequired();
        b.Property(l => l.Quantity).HasPrecision(8, 2);
        b.Property(l => l.Rate).HasPrecision(10, 4);
        b.Property(l => l.Refund).HasPrecision(14, 2);
        b.HasOne(l => l.Attachment).WithOne().HasForeignKey<RefundAttachment>(a => a.RefundLineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RefundAttachmentConfiguration : IEntityTypeConfiguration<RefundAttachment>
{
    public void Configure(EntityTypeBuilder<RefundAttachment> b)
    {
        b.ToTable("refund_attachments");
        b.Property(a => a.FileName).HasMaxLength(RefundAttachment.FileNameMaxLength).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(40).IsRequired();
        b.Property(a => a.Content).IsRequired();
    }
}

internal sealed class RefundEventConfiguration : IEntityTypeConfiguration<RefundEvent>
{
    public void Configure(EntityTypeBuilder<RefundEvent> b)
    {
        b.ToTable("refund_events");
        b.Property(e => e.Reason).HasMaxLength(RefundRequest.ReasonMaxLength);
        b.HasIndex(e => new { e.RefundRequestId, e.At });
    }
}

internal sealed class RefundRateConfiguration : IEntityTypeConfiguration<RefundRate>
{
    public void Configure(EntityTypeBuilder<RefundRate> b)
    {
        b.ToTable("refund_rates");
        b.HasKey(r => new { r.Year, r.Product });
        b.Property(r => r.Rate).HasPrecision(10, 4);
        b.HasData(RefundRate.Seed());
    }
}

internal sealed class RefundCampaignConfiguration : IEntityTypeConfiguration<RefundCampaign>
{
    public void Configure(EntityTypeBuilder<RefundCampaign> b)
    {
        b.ToTable("refund_campaigns");
        b.HasKey(c => c.Year);
        b.Property(c => c.Year).ValueGeneratedNever();
        b.Property(c => c.AdvancePercent).HasPrecision(5, 2);
        b.HasData(RefundCampaign.Seed());
    }
}
