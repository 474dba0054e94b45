using Portique.Common;
using Portique.Formats;
using Portique.Formats.Cdar;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.Organisation;

namespace Portique.Lifecycle;

/// <summary>A party of the invoice as the lifecycle message names it: SIREN (scheme 0002), name, and SIREN as electronic address (0225).</summary>
public sealed record LifecycleParty(string Siren, string Name)
{
    public CdarActor Actor => new(Siren, "0002", Name, Siren);

    /// <summary>A structure identified by its SIRET is a French company: its SIREN is the first nine digits.</summary>
    public static LifecycleParty? Of(Structure structure) =>
        structure.IdentifierType == IdentifierType.SIRET && structure.Identifier.Length == 14 ? new(structure.Identifier[..9], structure.Name) : null;
}

/// <summary>
/// The invoice a lifecycle status is about, whichever way Portique holds it: a portal invoice between two companies, an
/// invoice routed to a buyer on another platform, or an invoice rejected at deposit. Only B2B invoices have one: the buyer is
/// no public entity (the Chorus Pro statuses stay for those) and the seller a French company.
/// </summary>
public sealed record LifecycleSubject(long SupplierStructureId, LifecycleParty Seller, string Number, DateOnly IssueDate, string TypeCode, DateTimeOffset ReceivedAt)
{
    public long? InvoiceId { get; init; }
    public long? B2bRoutingId { get; init; }
    public long? FlowId { get; init; }
    public long? BuyerStructureId { get; init; }
    public LifecycleParty? Buyer { get; init; }
    /// <summary>The buyer's platform when it is another one than Portique (an invoice routed by the directory).</summary>
    public string? BuyerPlatform { get; init; }

    /// <summary>The subject of a portal invoice, or null when the invoice is no B2B invoice.</summary>
    public static LifecycleSubject? Of(Invoice invoice, Structure supplier, Structure recipient) =>
        recipient.IsPublic || LifecycleParty.Of(supplier) is not { } seller || LifecycleParty.Of(recipient) is not { } buyer ? null
            : new(supplier.Id, seller with { Name = invoice.SupplierName }, invoice.Number, invoice.IssueDate, TypeCodeOf(invoice.InvoiceType), invoice.DepositedAt)
            {
                InvoiceId = invoice.Id,
                FlowId = invoice.FlowId,
                BuyerStructureId = recipient.Id,
                Buyer = buyer with { Name = invoice.RecipientName },
            };

    /// <summary>The subject of an invoice routed by the directory to a buyer outside the portal.</summary>
    public static LifecycleSubject? Of(B2bRouting routing, Structure supplier, string typeCode) =>
        LifecycleParty.Of(supplier) is not { } seller ? null
            : new(supplier.Id, seller, routing.Number, routing.IssueDate, typeCode, routing.RoutedAt)
            {
                B2bRoutingId = routing.Id,
                FlowId = routing.FlowId,
                Buyer = routing.AddressingIdentifier.Length >= 9 && routing.AddressingIdentifier[..9].All(char.IsAsciiDigit)
                    ? new LifecycleParty(routing.AddressingIdentifier[..9], routing.BuyerName) : null,
                BuyerPlatform = routing.PlatformMatricule,
            };

    /// <summary>The invoice type code (BT-3) from the portal's type.</summary>
    public static string TypeCodeOf(string invoiceType) => invoiceType switch
    {
        "AVOIR" => "381",
        "ACOMPTE" => "386",
        _ => "380",
    };
}

/// <summary>The portal's own platform number (scheme 0238) and name, as the lifecycle messages it sends name it.</summary>
public sealed record LifecycleSettings(string PlatformMatricule, string PlatformName)
{
    /// <summary>Until an operator configures the number the tax administration gave the platform ("Lifecycle:PlatformMatricule").</summary>
    public const string DefaultMatricule = "0999";
}

/// <summary>
/// Writes the CDAR D22B message of a checked status with the engine (<see cref="CdarStatusMessage"/>, <see cref="CdarEngine.Write"/>:
/// XSD and BR-FR-CDV rules). The message goes to the other party (the seller for buyer and platform statuses, the buyer for
/// seller statuses, the buyer's platform when it is another one) and, for the mandatory statuses 200, 210, 212, 213, to the PPF.
/// </summary>
public static class LifecycleMessages
{
    public static (string MessageId, byte[] Cdar) Write(LifecycleSettings settings, LifecycleSubject subject, LifecycleChange change, LifecycleActor actor, DateTimeOffset now)
    {
        var status = CdarCodes.Status(change.Code)!;
        var messageId = $"{settings.PlatformMatricule}-{Guid.NewGuid():N}";
        var platform = new CdarActor(settings.PlatformMatricule, CdarCodes.PlatformScheme, settings.PlatformName);
        var recipients = new List<(CdarActor, string)>();
        if (actor == LifecycleActor.Seller)
        {
            if (subject.BuyerPlatform is { } other)
                recipients.Add((new CdarActor(other, CdarCodes.PlatformScheme), "WK"));
            else if (subject.Buyer is { } buyer)
                recipients.Add((buyer.Actor, "BY"));
        }
        else
            recipients.Add((subject.Seller.Actor, "SE"));
        if (actor == LifecycleActor.Platform && subject.BuyerPlatform is { } buyerPlatform)
            recipients.Add((new CdarActor(buyerPlatform, CdarCodes.PlatformScheme), "WK"));
        var request = new CdarStatusRequest
        {
            MessageId = messageId,
            IssuedAt = now,
            Status = change.Code,
            InvoiceNumber = subject.Number,
            InvoiceTypeCode = subject.TypeCode,
            InvoiceDate = subject.IssueDate,
            SellerSiren = subject.Seller.Siren,
            ReceivedAt = subject.ReceivedAt,
            Platform = platform,
            SetBy = actor switch { LifecycleActor.Buyer => subject.Buyer?.Actor, LifecycleActor.Seller => subject.Seller.Actor, _ => null },
            SetByRole = actor == LifecycleActor.Seller ? "SE" : "BY",
            Recipients = recipients,
            ToPpf = status.MandatoryToPpf,
            Reason = change.Reason,
            ReasonText = change.Comment,
            RequestedAction = change.Action,
            Collected = [.. change.Collected.Select(c => new CdarCollectedAmount(c.Montant, c.TauxTva))],
        };
        try
        {
            return (messageId, CdarEngine.Write(CdarStatusMessage.Create(request)));
        }
        catch (CdarFormatException e)
        {
            var rules = string.Join(", ", e.Findings.Select(f => f.Rule).Distinct());
            throw new PortiqueException("LIFECYCLE_CDAR_INVALID",
                $"Le message de cycle de vie du statut {change.Code} a été refusé par le contrôle CDAR (règles {rules}) : {(e.Findings.Count > 0 ? e.Findings[0].Message : e.Message)}");
        }
    }
}
