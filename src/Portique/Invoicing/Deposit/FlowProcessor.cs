using Microsoft.EntityFrameworkCore;
using Portique.Annuaire.Resolution;
using Portique.Common;
using Portique.Common.Data;
using Portique.Formats;
using Portique.Formats.Rules;
using Portique.Invoicing.Cadres;
using Portique.Invoicing.Subcontracting;
using Portique.Organisation;
using LifecycleRecorder = Portique.Lifecycle.LifecycleRecorder;
using LifecycleStatus = Portique.Lifecycle.LifecycleStatus;

namespace Portique.Invoicing.Deposit;

/// <summary>
/// Integrates a batch of flows: each document is validated by the invoice engine, its parties mapped to structures, the
/// recipient's parameters, the number's uniqueness and the amounts checked; accepted invoices are created, routed and
/// notified, refused ones leave only their findings in the report. The caller owns the transaction, so a batch is integrated
/// entirely or not at all. The engine runs on every core at once (it only reads the documents); the lookups (suppliers,
/// recipients, numbers already used, readers to notify) are one query each for the whole batch, and the writes are batched,
/// so the database sees a handful of round trips per batch instead of some twenty per invoice (docs/decisions/0014).
///
/// Parties to structures: the seller (BG-4) must be the depositing structure — one of BT-30 (legal registration), BT-29
/// (identifiers), BT-34 (electronic address, e.g. scheme 0009 SIRET / 0002 SIRENE) or BT-31 (VAT) equals the structure's
/// identifier or VAT number; the buyer (BG-7) is the structure whose identifier is BT-47, BT-46 or BT-49 (or whose VAT
/// number is BT-48). The service code is BT-10 (buyer reference, the Chorus "code service exécutant"), the commitment
/// number (EJ) BT-13 (purchase order reference), the cadre BT-23.
///
/// B2B recipients: a buyer that is no portal structure but has a BT-49 under scheme 0225 is routed through the directory
/// (<see cref="DirectoryResolver"/>, one batch of queries per batch): a line in force → a <see cref="B2bRouting"/> to its
/// platform; a known company without an active line → the same, reason NON_TRANSMISE (accepted, status 200); an unknown
/// SIREN or a malformed address → refused with DEST_INC / ADR_ERR. A public entity keeps the public-sector checks.
/// </summary>
public sealed class FlowProcessor(PortiqueDb db, RecipientCheck recipients, DirectoryResolver directory, InvoiceNotifier notifier, LifecycleRecorder lifecycle, TimeProvider clock)
{
    /// <summary>What the engine said of one document: its findings, and its model when it may go on to the portal's checks.</summary>
    private sealed record Checked(FlowDocuments.Document Document, Formats.Model.Invoice? Model, IReadOnlyList<FlowFinding> Findings);

    /// <summary>What the batch's invoices are checked against, read once.</summary>
    private sealed record Lookups(Dictionary<long, Structure> Suppliers, IReadOnlyList<Structure> Recipients, HashSet<(long Supplier, string Number, int Year)> Numbers,
        IReadOnlyDictionary<string, Resolution> Routes, Dictionary<string, Structure> Validators);

    /// <summary>An accepted invoice, and its validator when its cadre (A9, A12) needs one.</summary>
    private sealed record Accepted(Invoice Invoice, Structure? Validator, long? ValidatorServiceId);

    public Task ProcessAsync(Flow flow, CancellationToken ct) => ProcessAsync([flow], ct);

    /// <summary>
    /// Integrates <paramref name="flows"/>, holding at most <paramref name="expandedBudget"/> bytes of their decompressed documents
    /// in memory at once (the first flow always goes in, its own size being bounded by <see cref="Flow.MaxBytes"/>). Returns the
    /// flows left for a later batch because the budget was spent; they are untouched.
    /// </summary>
    public async Task<IReadOnlyList<Flow>> ProcessAsync(IReadOnlyList<Flow> flows, CancellationToken ct, long expandedBudget = long.MaxValue)
    {
        var split = new List<(Flow Flow, IReadOnlyList<FlowDocuments.Document> Documents)>();
        var deferred = new List<Flow>();
        long expanded = 0;
        foreach (var flow in flows)
        {
            if (deferred.Count > 0)
            {
                deferred.Add(flow);
                continue;
            }
            if (Split(flow) is not { } parts)
                continue;
            var size = parts.Sum(p => (long)p.Content.Length);
            if (split.Count > 0 && expanded + size > expandedBudget)
            {
                deferred.Add(flow);
                continue;
            }
            expanded += size;
            split.Add((flow, parts));
        }
        var documents = split.SelectMany(s => s.Documents.Select(d => (s.Flow, Document: d))).ToArray();
        var engine = new Checked[documents.Length];
        Parallel.For(0, documents.Length, new ParallelOptions { CancellationToken = ct },
            i => engine[i] = Validate(documents[i].Flow, documents[i].Document));

        var lookups = await LookUpAsync(split.Select(s => s.Flow), engine, ct);
        var now = clock.GetUtcNow();
        var created = new List<(Accepted Accepted, Flow Flow, FlowDocuments.Document Document)>();
        var routed = new List<B2bRouting>();
        var rejectedB2b = new List<LifecycleStatus>();
        var routedTypes = new Dictionary<B2bRouting, string?>();
        var reports = new List<(Flow Flow, List<FlowFinding> Findings, int Accepted, int Rejected)>();
        var next = 0;
        foreach (var (flow, flowDocuments) in split)
        {
            var findings = new List<FlowFinding>();
            var accepted = 0;
            foreach (var _ in flowDocuments)
            {
                var (document, model, engineFindings) = engine[next++];
                findings.AddRange(engineFindings);
                if (model is null)
                    continue;
                try
                {
                    var (portalInvoice, routing) = CheckAndCreate(flow, lookups, model, document, now);
                    if (portalInvoice is not null)
                        created.Add((portalInvoice, flow, document));
                    if (routing is not null)
                    {
                        routed.Add(routing);
                        routedTypes[routing] = model.TypeCode;
                        if (routing.Reason is { } reason)
                            findings.Add(FlowFinding.Of(document.Name, model.Number, reason, false, lookups.Routes[BuyerAddress(model)!].Message));
                    }
                    accepted++;
                }
                catch (PortiqueException e)
                {
                    findings.Add(FlowFinding.Of(document.Name, model.Number, e.Code, true, e.Message));
                    // A B2B invoice refused here gets its lifecycle status 213 (rejetée), with the reform's reason.
                    if (IsB2b(model, lookups) && model.Number?.Trim() is { Length: > 0 } number && model.IssueDate is { } issued
                        && lifecycle.Rejected(flow.Id, lookups.Suppliers[flow.StructureId], number, issued, model.TypeCode, e.Code, e.Message, now) is { } rejected)
                        rejectedB2b.Add(rejected);
                }
            }
            reports.Add((flow, findings, accepted, flowDocuments.Count - accepted));
        }

        // Ids first: the originals, attachments and notifications refer to the invoices.
        db.AddRange(created.Select(c => c.Accepted.Invoice));
        db.AddRange(routed);
        db.AddRange(rejectedB2b);
        await db.SaveChangesAsync(ct);
        foreach (var ((invoice, validator, validatorService), flow, document) in created)
        {
            db.Add(InvoiceOriginal.Of(invoice, document.Name, document.Content));
            if (flow.DepositMode is DepositModes.Pdf or DepositModes.Entry)
                db.AddRange(EmbeddedAttachments(invoice, document, now));
            // Routed at once, unless an A9/A12 validator has it first (the public buyer sees it once validated, or after 15
            // days of silence).
            if (validator is null)
                invoice.Route(now);
            else
            {
                invoice.AwaitValidation(now);
                db.Add(InvoiceValidation.Open(invoice.Id, invoice.Cadre!, validator.Id, validatorService, now));
            }
            db.AddRange(lifecycle.Deposited(invoice, lookups.Suppliers[invoice.SupplierStructureId],
                lookups.Recipients.First(s => s.Id == invoice.RecipientStructureId), routed: validator is null, now));
        }
        foreach (var routing in routed)
        {
            if (lifecycle.Deposited(routing, lookups.Suppliers[routing.SupplierStructureId], routedTypes[routing], now) is { } deposited)
                db.Add(deposited);
        }
        await notifier.NotifyAsync([.. created.Select(c => c.Accepted.Invoice).Where(i => i.Status != InvoiceStatus.A_VALIDER_1)], ct);
        foreach (var (flow, findings, accepted, rejected) in reports)
            flow.Finish(accepted, findings, rejected, now);
        await db.SaveChangesAsync(ct);
        return deferred;
    }

    /// <summary>The flow's documents, or null when the flow itself is refused (then closed with its report).</summary>
    private IReadOnlyList<FlowDocuments.Document>? Split(Flow flow)
    {
        try
        {
            var documents = FlowDocuments.Split(flow.FileName, flow.Content);
            if (documents.Count > 0)
                return documents;
            flow.Finish(0, [FlowFinding.Of(flow.FileName, null, "FLOW_EMPTY", true, "L'archive ne contient aucune facture.")], 1, clock.GetUtcNow());
        }
        catch (Exception e) when (e is PortiqueException or InvalidDataException or FormatException or IOException)
        {
            flow.Finish(0, [FlowFinding.Of(flow.FileName, null, e is PortiqueException p ? p.Code : "FLOW_ARCHIVE_INVALID", true,
                e is PortiqueException ? e.Message : $"L'archive ne peut être lue : {e.Message}")], 1, clock.GetUtcNow());
        }
        return null;
    }

    /// <summary>The engine's verdict on one document (CPU only, safe to run in parallel): EN 16931, French rules where declared, syntax.</summary>
    private static Checked Validate(Flow flow, FlowDocuments.Document document)
    {
        ValidationReport report;
        Formats.Model.Invoice? model = null;
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
        }
        catch (InvoiceFormatException e)
        {
            return new Checked(document, null, [FlowFinding.Of(document.Name, null, "XML", true, e.Message)]);
        }

        var number = model?.Number;
        var findings = report.Findings.Select(f => FlowFinding.Of(document.Name, number, f.Rule, f.Severity == Severity.Fatal, f.Message)).ToList();
        if (!report.IsValid)
            return new Checked(document, null, findings);
        if (!SyntaxMatches(flow.Syntax, report.Kind))
        {
            findings.Add(FlowFinding.Of(document.Name, number, "FLOW_SYNTAX_MISMATCH", true,
                $"Le document ({report.Kind?.Name()}) ne correspond pas à la syntaxe déclarée du flux ({flow.Syntax})."));
            return new Checked(document, null, findings);
        }
        return new Checked(document, model, findings);
    }

    /// <summary>One query each for the suppliers, the candidate recipients and the numbers the batch's suppliers already used.</summary>
    private async Task<Lookups> LookUpAsync(IEnumerable<Flow> flows, IEnumerable<Checked> engine, CancellationToken ct)
    {
        var models = engine.Where(c => c.Model is not null).Select(c => c.Model!).ToList();
        var supplierIds = flows.Select(f => f.StructureId).Distinct().ToList();
        if (models.Count == 0)
            return new Lookups([], [], [], new Dictionary<string, Resolution>(), []);
        var suppliers = await db.Structures.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var candidates = models.SelectMany(m => Identifiers(m.Buyer)).Distinct().ToList();
        var numbers = models.Select(m => m.Number?.Trim()).OfType<string>().Distinct().ToList();
        var used = await db.Set<Invoice>().AsNoTracking()
            .Where(i => supplierIds.Contains(i.SupplierStructureId) && numbers.Contains(i.Number))
            .Select(i => new { i.SupplierStructureId, i.Number, i.NumberYear })
            .ToListAsync(ct);
        var found = await recipients.FindAllAsync(candidates, ct);
        // Buyers that are no portal structure but give a 0225 address are B2B recipients: the directory routes them.
        var addresses = models.Where(m => RecipientCheck.Pick(found, Identifiers(m.Buyer)) is null).Select(BuyerAddress).OfType<string>().Distinct().ToList();
        var routes = addresses.Count == 0 ? new Dictionary<string, Resolution>()
            : await directory.ResolveAllAsync(addresses, clock.GetUtcNow().DayInParis(), ct);
        if (addresses.Count > 0)
            used.AddRange(await db.Set<B2bRouting>().AsNoTracking()
                .Where(r => supplierIds.Contains(r.SupplierStructureId) && numbers.Contains(r.Number))
                .Select(r => new { r.SupplierStructureId, r.Number, r.NumberYear })
                .ToListAsync(ct));
        var validatorIds = new List<string>();
        foreach (var model in models)
        {
            try
            {
                if (ValidatorReference.Read(model) is { } v)
                    validatorIds.Add(v.StructureIdentifier);
            }
            catch (PortiqueException)
            {
                // Reported with the invoice when it is checked.
            }
        }
        var validators = validatorIds.Count == 0 ? [] : await db.Structures.AsNoTracking().Include(s => s.Services)
            .Where(s => validatorIds.Contains(s.Identifier)).ToDictionaryAsync(s => s.Identifier, ct);
        return new Lookups(suppliers, found, [.. used.Select(u => (u.SupplierStructureId, u.Number, u.NumberYear))], routes, validators);
    }

    /// <summary>Whether the buyer is a company: a private portal structure, or one the directory routes (no public entity).</summary>
    private static bool IsB2b(Formats.Model.Invoice model, Lookups lookups) =>
        RecipientCheck.Pick(lookups.Recipients, Identifiers(model.Buyer)) is { } structure ? !structure.IsPublic
            : BuyerAddress(model) is { } address && lookups.Routes.TryGetValue(address, out var route) && !route.IsPublicRecipient;

    /// <summary>The buyer's electronic address (BT-49) when it is under the directory's scheme 0225.</summary>
    private static string? BuyerAddress(Formats.Model.Invoice model) =>
        model.Buyer.ElectronicAddress is { SchemeId: Annuaire.AddressingIdentifier.Scheme, Value: { } value } && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private (Accepted? Accepted, B2bRouting? Routing) CheckAndCreate(Flow flow, Lookups lookups, Formats.Model.Invoice model, FlowDocuments.Document document, DateTimeOffset now)
    {
        var supplier = lookups.Suppliers[flow.StructureId];
        var sellerIds = Identifiers(model.Seller);
        if (!sellerIds.Contains(supplier.Identifier) && (supplier.VatNumber is null || !sellerIds.Contains(supplier.VatNumber)))
            throw new PortiqueException("SUPPLIER_MISMATCH",
                $"Le vendeur de la facture ({string.Join(", ", sellerIds)}) n'est pas la structure déposante {supplier.Identifier}.");
        var (cadre, validator, validatorService) = CheckCadre(model, supplier, lookups);

        var number = Validation.Required(model.Number, "numéro de facture", 20);
        var issueDate = model.IssueDate ?? throw new PortiqueException("ISSUE_DATE_REQUIRED", "La date de facture (BT-2) est obligatoire.");
        var amounts = AmountsOf(model);

        var structure = RecipientCheck.Pick(lookups.Recipients, Identifiers(model.Buyer));
        var route = structure is null && BuyerAddress(model) is { } address ? lookups.Routes.GetValueOrDefault(address) : null;
        if (route is { IsPublicRecipient: false, Outcome: RoutingOutcome.UnknownRecipient or RoutingOutcome.InvalidAddress })
            throw new PortiqueException(route.Reason!, route.Message);
        var recipient = route is { IsPublicRecipient: false } ? null
            : RecipientCheck.Check(structure, model.BuyerReference, model.PurchaseOrderReference, DateOnly.FromDateTime(now.UtcDateTime));

        if (recipient is not null && recipient.Structure.Id == supplier.Id)
            throw new PortiqueException("RECIPIENT_IS_SUPPLIER", $"La structure {supplier.Identifier} ne peut pas se facturer elle-même : le destinataire doit être une autre structure.");

        // Unique per supplier and year, within the batch as against what is stored (the unique index settles a race with another node).
        var key = (supplier.Id, number, issueDate.Year);
        if (lookups.Numbers.Contains(key))
            throw PortiqueException.Conflict("INVOICE_NUMBER_DUPLICATE", $"Le fournisseur a déjà déposé une facture numéro {number} en {issueDate.Year}.");
        if (recipient is null)
        {
            lookups.Numbers.Add(key);
            return (null, B2bRouting.Of(flow, document.Name, document.Content, number, issueDate, model.Buyer.Name, route!, now));
        }

        var invoice = Invoice.Deposit(flow.Id,
            new Invoice.Parties(supplier.Id, model.Seller.Name ?? supplier.Name, recipient.Structure.Id, recipient.Structure.Name, recipient.Service?.Id),
            number, issueDate, model.PaymentDueDate, TypeOf(model.TypeCode), amounts, cadre, model.PurchaseOrderReference,
            flow.DepositMode, flow.DepositorUserId, now);
        lookups.Numbers.Add(key);
        return (new Accepted(invoice, validator, validatorService), null);
    }

    /// <summary>
    /// The cadre (BT-23) by the rule of <see cref="CadreTable"/>, the same on every channel; for A9/A12 the validator structure
    /// the invoice names must exist, be another structure than the depositor, and its service (if named) be one of its own.
    /// </summary>
    private static (string? Cadre, Structure? Validator, long? ServiceId) CheckCadre(Formats.Model.Invoice model, Structure supplier, Lookups lookups)
    {
        var code = CadreOf(model.BusinessProcessType);
        var named = ValidatorReference.Read(model);
        if (!CadreTable.IsCadreCode(code) && named is null)
            return (code, null, null);
        var cadre = CadreTable.CheckDeposit(code, supplier.IsPublic, named is not null);
        if (named is null)
            return (code, null, null);
        var validator = lookups.Validators.GetValueOrDefault(named.StructureIdentifier)
            ?? throw new PortiqueException("VALIDATOR_NOT_FOUND", $"La structure valideur {named.StructureIdentifier} n'existe pas sur Portique.") { Field = "codeStructureValideur" };
        if (!validator.IsActive)
            throw new PortiqueException("VALIDATOR_INACTIVE", $"La structure valideur {named.StructureIdentifier} est désactivée.") { Field = "codeStructureValideur" };
        if (validator.Id == supplier.Id)
            throw new PortiqueException("VALIDATOR_IS_DEPOSITOR", "La structure valideur doit être le titulaire ou le mandataire, pas la structure qui dépose la facture.") { Field = "codeStructureValideur" };
        long? serviceId = null;
        if (named.ServiceCode is { } serviceCode)
            serviceId = (validator.Services.FirstOrDefault(s => s.Code.Equals(serviceCode, StringComparison.OrdinalIgnoreCase))
                ?? throw new PortiqueException("VALIDATOR_SERVICE_NOT_FOUND", $"La structure valideur {named.StructureIdentifier} n'a pas de service « {serviceCode} ».") { Field = "codeServiceValideur" }).Id;
        return (cadre.Code, validator, serviceId);
    }

    /// <summary>
    /// An entry or a PDF deposit carries its documents embedded as BG-24 (the portal wrote them): the PDF image first, then
    /// the complementary documents, which become the invoice's attachments in that order.
    /// </summary>
    private static IEnumerable<InvoiceAttachment> EmbeddedAttachments(Invoice invoice, FlowDocuments.Document document, DateTimeOffset now) =>
        InvoiceEngine.Read(document.Content).Invoice.SupportingDocuments
            .Where(d => d.AttachmentBase64 is not null)
            .Select(d => InvoiceAttachment.Create(invoice.Id, d.AttachmentFilename ?? "piece-jointe", Convert.FromBase64String(d.AttachmentBase64!), now));

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
