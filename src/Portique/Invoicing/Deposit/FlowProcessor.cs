using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Formats;
using Portique.Formats.Rules;
using Portique.Organisation;

namespace Portique.Invoicing.Deposit;

/// <summary>
/// Integrates one flow: each document is validated by the invoice engine, its parties mapped to structures, the recipient's
/// parameters, the number's uniqueness and the amounts checked; accepted invoices are created, routed and notified, refused
/// ones leave only their findings in the report. The caller owns the transaction, so a flow is integrated entirely or not at all.
///
/// Parties to structures: the seller (BG-4) must be the depositing structure — one of BT-30 (legal registration), BT-29
/// (identifiers), BT-34 (electronic address, e.g. scheme 0009 SIRET / 0002 SIRENE) or BT-31 (VAT) equals the structure's
/// identifier or VAT number; the buyer (BG-7) is the structure whose identifier is BT-47, BT-46 or BT-49 (or whose VAT
/// number is BT-48). The service code is BT-10 (buyer reference, the Chorus "code service exécutant"), the commitment
/// number (EJ) BT-13 (purchase order reference), the cadre BT-23.
/// </summary>
public sealed class FlowProcessor(PortiqueDb db, RecipientCheck recipients, InvoiceNotifier notifier, TimeProvider clock)
{
    public async Task ProcessAsync(Flow flow, CancellationToken ct)
    {
        var findings = new List<FlowFinding>();
        IReadOnlyList<FlowDocuments.Document> documents;
        try
        {
            documents = FlowDocuments.Split(flow.FileName, flow.Content);
        }
        catch (Exception e) when (e is PortiqueException or InvalidDataException or FormatException or IOException)
        {
            findings.Add(FlowFinding.Of(flow.FileName, null, e is PortiqueException p ? p.Code : "FLOW_ARCHIVE_INVALID", true,
                e is PortiqueException ? e.Message : $"L'archive ne peut être lue : {e.Message}"));
            flow.Finish(0, findings, 1, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return;
        }
        if (documents.Count == 0)
        {
            findings.Add(FlowFinding.Of(flow.FileName, null, "FLOW_EMPTY", true, "L'archive ne contient aucune facture."));
            flow.Finish(0, findings, 1, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return;
        }

        var supplier = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == flow.StructureId, ct);
        var accepted = new List<(Invoice Invoice, FlowDocuments.Document Document)>();
        var rejected = 0;
        foreach (var document in documents)
        {
            var invoice = await IntegrateAsync(flow, supplier, document, accepted, findings, ct);
            if (invoice is null)
                rejected++;
            else
                accepted.Add((invoice, document));
        }

        var now = clock.GetUtcNow();
        db.AddRange(accepted.Select(a => a.Invoice));
        await db.SaveChangesAsync(ct);
        foreach (var (invoice, document) in accepted)
        {
            db.Add(InvoiceOriginal.Of(invoice, document.Name, document.Content));
            if (flow.DepositMode == DepositModes.Pdf)
                db.AddRange(PdfAttachments(invoice, document, now));
            invoice.Route(now);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (invoice, _) in accepted)
            await notifier.NotifyAsync(invoice, ct);
        flow.Finish(accepted.Count, findings, rejected, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The invoice to create, or null when the document is refused (its findings added to the report).</summary>
    private async Task<Invoice?> IntegrateAsync(Flow flow, Structure supplier, FlowDocuments.Document document,
        List<(Invoice Invoice, FlowDocuments.Document Document)> accepted, List<FlowFinding> findings, CancellationToken ct)
    {
        ValidationReport report;
        Formats.Model.Invoice model;
        try
        {
            report = InvoiceEngine.Validate(document.Content, RuleProfile.En16931);
            if (report.IsValid && report.Kind is not null)
            {
                model = InvoiceEngine.Read(document.Content).Invoice;
                // French rules where the invoice declares a French specification (BT-24).
                if (model.SpecificationIdentifier?.Contains("cpro.gouv.fr", StringComparison.OrdinalIgnoreCase) == true)
                    report = InvoiceEngine.Validate(document.Content, RuleProfile.French);
            }
            else
            {
                model = new Formats.Model.Invoice();
            }
        }
        catch (InvoiceFormatException e)
        {
            findings.Add(FlowFinding.Of(document.Name, null, "XML", true, e.Message));
            return null;
        }

        var number = model.Number;
        foreach (var finding in report.Findings)
            findings.Add(FlowFinding.Of(document.Name, number, finding.Rule, finding.Severity == Severity.Fatal, finding.Message));
        if (!report.IsValid)
            return null;
        if (!SyntaxMatches(flow.Syntax, report.Kind))
        {
            findings.Add(FlowFinding.Of(document.Name, number, "FLOW_SYNTAX_MISMATCH", true,
                $"Le document ({report.Kind?.Name()}) ne correspond pas à la syntaxe déclarée du flux ({flow.Syntax})."));
            return null;
        }

        try
        {
            return await CheckAndCreateAsync(flow, supplier, model, accepted, ct);
        }
        catch (PortiqueException e)
        {
            findings.Add(FlowFinding.Of(document.Name, number, e.Code, true, e.Message));
            return null;
        }
    }

    private async Task<Invoice> CheckAndCreateAsync(Flow flow, Structure supplier, Formats.Model.Invoice model,
        List<(Invoice Invoice, FlowDocuments.Document Document)> accepted, CancellationToken ct)
    {
        var sellerIds = Identifiers(model.Seller);
        if (!sellerIds.Contains(supplier.Identifier) && (supplier.VatNumber is null || !sellerIds.Contains(supplier.VatNumber)))
            throw new PortiqueException("SUPPLIER_MISMATCH",
                $"Le vendeur de la facture ({string.Join(", ", sellerIds)}) n'est pas la structure déposante {supplier.Identifier}.");

        var number = Validation.Required(model.Number, "numéro de facture", 20);
        var issueDate = model.IssueDate ?? throw new PortiqueException("ISSUE_DATE_REQUIRED", "La date de facture (BT-2) est obligatoire.");
        var amounts = AmountsOf(model);

        var recipient = RecipientCheck.Check(await recipients.FindAsync(Identifiers(model.Buyer), ct), model.BuyerReference, model.PurchaseOrderReference,
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

        // Unique per supplier and year, within this flow as against what is stored (the unique index settles a race).
        if (accepted.Any(a => a.Invoice.Number == number && a.Invoice.NumberYear == issueDate.Year)
            || await db.Set<Invoice>().AnyAsync(i => i.SupplierStructureId == supplier.Id && i.NumberYear == issueDate.Year && i.Number == number, ct))
            throw PortiqueException.Conflict("INVOICE_NUMBER_DUPLICATE", $"Le fournisseur a déjà déposé une facture numéro {number} en {issueDate.Year}.");

        return Invoice.Deposit(flow.Id,
            new Invoice.Parties(supplier.Id, model.Seller.Name ?? supplier.Name, recipient.Structure.Id, recipient.Structure.Name, recipient.Service?.Id),
            number, issueDate, model.PaymentDueDate, TypeOf(model.TypeCode), amounts, CadreOf(model.BusinessProcessType), model.PurchaseOrderReference,
            flow.DepositMode, flow.DepositorUserId, clock.GetUtcNow());
    }

    /// <summary>A PDF deposit carries the invoice image as an embedded BG-24 document: it becomes the invoice's first attachment.</summary>
    private static IEnumerable<InvoiceAttachment> PdfAttachments(Invoice invoice, FlowDocuments.Document document, DateTimeOffset now) =>
        InvoiceEngine.Read(document.Content).Invoice.SupportingDocuments
            .Where(d => d.AttachmentMimeCode == "application/pdf" && d.AttachmentBase64 is not null)
            .Select(d => InvoiceAttachment.Create(invoice.Id, d.AttachmentFilename ?? "facture.pdf", Convert.FromBase64String(d.AttachmentBase64!), now));

    /// <summary>Totals must be there and agree: TTC = HT + TVA (checked here too because some Factur-X profiles skip the EN 16931 rules).</summary>
    private static Invoice.Amounts AmountsOf(Formats.Model.Invoice model)
    {
        var totals = model.Totals;
        if (totals.TaxExclusiveAmount is not { } exclVat || totals.TaxInclusiveAmount is not { } inclVat || totals.PayableAmount is not { } due)
            throw new PortiqueException("AMOUNTS_MISSING", "Les montants HT (BT-109), TTC (BT-112) et à payer (BT-115) sont obligatoires.");
        var vat = totals.VatTotal ?? 0m;
        if (Math.Abs(exclVat + vat - inclVat) > 0.01m)
            throw new PortiqueException("AMOUNTS_INCOHERENT", $"Le montant TTC {inclVat} n'est pas la somme du HT {exclVat} et de la TVA {vat}.");
        return new Invoice.Amounts(model.CurrencyCode ?? "EUR", exclVat, vat, inclVat, due);
    }

    /// <summary>BT-23 is a cadre de facturation only when it is a short code (A1, S1, B2…); Peppol puts a process URN there.</summary>
    private static string? CadreOf(string? businessProcess) =>
        businessProcess is { Length: >= 2 and <= 4 } code && code.All(char.IsAsciiLetterOrDigit) ? code.ToUpperInvariant() : null;

    private static string TypeOf(string? typeCode) => typeCode switch
    {
        "381" or "396" or "532" => "AVOIR",
        "386" => "ACOMPTE",
        _ => "FACTURE",
    };

    private static bool SyntaxMatches(FlowSyntax syntax, SourceKind? kind) => (syntax, kind) switch
    {
        (FlowSyntax.IN_DP_E1_UBL_INVOICE, SourceKind.UblInvoice or SourceKind.UblCreditNote) => true,
        (FlowSyntax.IN_DP_E1_CII or FlowSyntax.IN_DP_E1_CII_16B, SourceKind.Cii) => true,
        (FlowSyntax.IN_DP_E2_CII_FACTURX, SourceKind.FacturX) => true,
        _ => false,
    };

    /// <summary>Every identifier a party gives for itself, without spaces: legal registration, identifiers, electronic address, VAT.</summary>
    internal static List<string> Identifiers(Formats.Model.Party party)
    {
        var values = new List<string?> { party.LegalRegistrationId?.Value, party.ElectronicAddress?.Value, party.VatIdentifier };
        values.AddRange(party.Identifiers.Select(i => i.Value));
        return [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).Distinct()];
    }
}
