using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portique.Annuaire.Resolution;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing.Deposit;

/// <summary>
/// A deposited B2B invoice whose buyer is no portal structure, routed through the directory by its BT-49 (scheme 0225):
/// the line and platform it goes to, or the reason it is not transmitted (NON_TRANSMISE), with status 200 (déposée) and the
/// document itself, which the exchange between platforms will carry. Invoices to portal structures stay <see cref="Invoice"/>s.
/// </summary>
public sealed class B2bRouting
{
    public const string DepositedStatus = "200";

    private B2bRouting() { }

    public long Id { get; private set; }
    public long FlowId { get; private set; }
    public long SupplierStructureId { get; private set; }
    public string DocumentName { get; private set; } = "";
    public string Number { get; private set; } = "";
    public int NumberYear { get; private set; }
    public DateOnly IssueDate { get; private set; }
    public string BuyerName { get; private set; } = "";
    public string AddressingIdentifier { get; private set; } = "";
    /// <summary>The directory line version used (after fallback); null when none was in force.</summary>
    public long? LineIdInstance { get; private set; }
    public string? PlatformMatricule { get; private set; }
    public string Status { get; private set; } = DepositedStatus;
    /// <summary>NON_TRANSMISE when the recipient has no active receiving address; null when routed.</summary>
    public string? Reason { get; private set; }
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset RoutedAt { get; private set; }

    public static B2bRouting Of(Flow flow, string documentName, byte[] content, string number, DateOnly issueDate, string? buyerName, Resolution route, DateTimeOffset now) => new()
    {
        FlowId = flow.Id,
        SupplierStructureId = flow.StructureId,
        DocumentName = Truncate(documentName, 255),
        Number = number,
        NumberYear = issueDate.Year,
        IssueDate = issueDate,
        BuyerName = Truncate(buyerName ?? route.LegalUnit?.BusinessName ?? "", 200),
        AddressingIdentifier = route.Address!.Value,
        LineIdInstance = route.Line?.IdInstance,
        PlatformMatricule = route.Platform?.Matricule,
        Reason = route.Reason,
        Content = content,
        RoutedAt = now,
    };

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}

internal sealed class B2bRoutingConfiguration : IEntityTypeConfiguration<B2bRouting>
{
    public void Configure(EntityTypeBuilder<B2bRouting> b)
    {
        b.ToTable("b2b_routings");
        b.Property(r => r.DocumentName).HaveMaxLengthAndRequired(255);
        b.Property(r => r.Number).HaveMaxLengthAndRequired(20);
        b.Property(r => r.BuyerName).HaveMaxLengthAndRequired(200);
        b.Property(r => r.AddressingIdentifier).HaveMaxLengthAndRequired(125);
        b.Property(r => r.PlatformMatricule).HasMaxLength(4);
        b.Property(r => r.Status).HaveMaxLengthAndRequired(3);
        b.Property(r => r.Reason).HasMaxLength(20);
        b.HasOne<Flow>().WithMany().HasForeignKey(r => r.FlowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Structure>().WithMany().HasForeignKey(r => r.SupplierStructureId).OnDelete(DeleteBehavior.Restrict);
        // A number is unique per supplier and year across the portal's invoices and these (checked together by the deposit).
        b.HasIndex(r => new { r.SupplierStructureId, r.Number, r.NumberYear }).IsUnique();
        b.HasIndex(r => r.FlowId);
    }
}
