using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portique.Accounts;
using Portique.Common.Data;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.Organisation;

namespace Portique.Lifecycle;

internal sealed class LifecycleStatusConfiguration : IEntityTypeConfiguration<LifecycleStatus>
{
    public void Configure(EntityTypeBuilder<LifecycleStatus> b)
    {
        b.ToTable("lifecycle_statuses");
        b.Property(s => s.InvoiceNumber).HaveMaxLengthAndRequired(20);
        b.Property(s => s.Code).HaveMaxLengthAndRequired(3);
        b.Property(s => s.Actor).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.Reason).HasMaxLength(20);
        b.Property(s => s.Comment).HasMaxLength(LifecycleStatus.CommentMaxLength);
        b.Property(s => s.RequestedAction).HasMaxLength(3);
        b.Property(s => s.Collected).HasMaxLength(1000);
        b.Property(s => s.MessageId).HaveMaxLengthAndRequired(40);
        b.Property(s => s.Cdar).IsRequired();
        b.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<B2bRouting>().WithMany().HasForeignKey(s => s.B2bRoutingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Flow>().WithMany().HasForeignKey(s => s.FlowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Structure>().WithMany().HasForeignKey(s => s.SupplierStructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        // One status per place in an invoice's history: of two changes made from the same status, the second fails.
        b.HasIndex(s => new { s.InvoiceId, s.Sequence }).IsUnique();
        b.HasIndex(s => new { s.B2bRoutingId, s.Sequence }).IsUnique();
        b.HasIndex(s => s.FlowId);
        b.HasIndex(s => s.MessageId).IsUnique();
    }
}
