using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Invoicing.Subcontracting;

/// <summary>One A9/A12 invoice as its validator sees it: who deposited it, for whom, and by when it must decide.</summary>
public sealed record InvoiceToValidate(
    long IdentifiantFactureCpp, string NumeroFacture, string Cadre, InvoiceStatus Statut, string StatutLibelle,
    long IdFournisseur, string NomFournisseur, long IdDestinataire, string NomDestinataire, long? IdServiceValideur,
    DateOnly DateFacture, string Devise, decimal MontantHt, decimal MontantTtc, decimal MontantAPayer,
    DateTimeOffset DateReception, DateTimeOffset DateLimite, ValidationOutcome Decision, DateTimeOffset? DateDecision,
    string? MotifRefus, string? Commentaire);

/// <summary>
/// Filters of the validator's list (rechercher/valideur): status, cadre, supplier, number, and whether the validator already
/// decided (Traitees: true for validated, refused or tacit, false for what still waits); 50 rows a page by default.
/// </summary>
public sealed record ValidatorSearch(InvoiceStatus? Statut = null, string? Cadre = null, long? IdFournisseur = null, string? NumeroFacture = null,
    int Page = 1, int TaillePage = 50, bool? Traitees = null);

public sealed record ValidatorPage(IReadOnlyList<InvoiceToValidate> Factures, int Page, int TaillePage, int Total);

/// <summary>traiter/factureAValider: VALIDATION, or REFUS with a reason of <see cref="InvoiceValidation.Reasons"/>.</summary>
public sealed record ValidationDecision(string? Action, string? MotifRefus = null, string? ComplementInfo = null);

/// <summary>
/// Factures à valider: the main contractor or mandataire named by an A9/A12 invoice lists, reads and decides it (habilitation
/// Factures à valider on the validator structure). Only the validator structure sees an invoice here; another one gets "not found".
/// Expired deadlines are settled first (<see cref="ValidationDeadlines"/>).
/// </summary>
public sealed class InvoicesToValidateHandler(PortiqueDb db, ValidationDeadlines deadlines, InvoiceNotifier notifier, CurrentUser user, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<ValidatorPage> SearchAsync(long structureId, ValidatorSearch search, CancellationToken ct)
    {
        if (search.Page < 1 || search.TaillePage is < 1 or > MaxPageSize)
            throw new PortiqueException("PAGING_INVALID", $"La page commence à 1 et compte de 1 à {MaxPageSize} factures.");
        await deadlines.SweepAsync(ct);
        var query = Rows(structureId);
        if (search.Statut is { } status)
            query = query.Where(r => r.Invoice.Status == status);
        if (search.Cadre is not null)
        {
            var cadre = Cadres.CadreTable.Find(search.Cadre)?.Code
                ?? throw new PortiqueException("CADRE_UNKNOWN", $"« {search.Cadre} » n'est pas un cadre de facturation.") { Field = "cadre" };
            query = query.Where(r => r.Validation.Cadre == cadre);
        }
        if (search.Traitees is { } decided)
            query = decided ? query.Where(r => r.Validation.Outcome != ValidationOutcome.Pending) : query.Where(r => r.Validation.Outcome == ValidationOutcome.Pending);
        if (search.IdFournisseur is { } supplier)
            query = query.Where(r => r.Invoice.SupplierStructureId == supplier);
        if (Common.Validation.MaxLength(search.NumeroFacture, "numeroFacture", 20) is { } number)
            query = query.Where(r => r.Invoice.Number == number);
        var total = await query.CountAsync(ct);
        // What waits first, by deadline: the index (validator, outcome, deadline) serves this order.
        var rows = await query.OrderBy(r => r.Validation.Outcome).ThenBy(r => r.Validation.DueAtTicks).ThenBy(r => r.Invoice.Id)
            .Skip((search.Page - 1) * search.TaillePage).Take(search.TaillePage).ToListAsync(ct);
        return new ValidatorPage([.. rows.Select(View)], search.Page, search.TaillePage, total);
    }

    public async Task<InvoiceToValidate> GetAsync(long structureId, long invoiceId, CancellationToken ct)
    {
        await deadlines.SweepAsync(ct);
        return View(await Rows(structureId).FirstOrDefaultAsync(r => r.Invoice.Id == invoiceId, ct) ?? throw NotFound(invoiceId));
    }

    public async Task<InvoiceToValidate> DecideAsync(long structureId, long invoiceId, ValidationDecision decision, CancellationToken ct)
    {
        var action = decision.Action?.Trim().ToUpperInvariant();
        if (action is not ("VALIDATION" or "REFUS"))
            throw new PortiqueException("VALIDATION_ACTION_INVALID", $"« action » doit être VALIDATION ou REFUS : « {decision.Action} ».") { Field = "action" };
        await deadlines.SweepAsync(ct);
        var validation = await db.Set<InvoiceValidation>().FirstOrDefaultAsync(v => v.InvoiceId == invoiceId && v.ValidatorStructureId == structureId, ct)
            ?? throw NotFound(invoiceId);
        var invoice = await db.Set<Invoice>().Include(i => i.History).FirstAsync(i => i.Id == invoiceId, ct);
        var now = clock.GetUtcNow();
        if (action == "VALIDATION")
            validation.Validate(invoice, user.Id, now, decision.ComplementInfo);
        else
            validation.Refuse(invoice, user.Id, now, decision.MotifRefus, decision.ComplementInfo);
        await notifier.NotifyAsync(invoice, ct);
        await db.SaveChangesAsync(ct);
        return View(new Row { Invoice = invoice, Validation = validation });
    }

    /// <summary>Set by an initializer, not a constructor: EF translates filters and orders on its members only then.</summary>
    private sealed class Row
    {
        public required Invoice Invoice { get; init; }
        public required InvoiceValidation Validation { get; init; }
    }

    private IQueryable<Row> Rows(long structureId) =>
        from v in db.Set<InvoiceValidation>().AsNoTracking()
        join i in db.Set<Invoice>().AsNoTracking() on v.InvoiceId equals i.Id
        where v.ValidatorStructureId == structureId
        select new Row { Invoice = i, Validation = v };

    private static InvoiceToValidate View(Row r) => new(
        r.Invoice.Id, r.Invoice.Number, r.Validation.Cadre, r.Invoice.Status, r.Invoice.Status.Label(),
        r.Invoice.SupplierStructureId, r.Invoice.SupplierName, r.Invoice.RecipientStructureId, r.Invoice.RecipientName, r.Validation.ValidatorServiceId,
        r.Invoice.IssueDate, r.Invoice.Currency, r.Invoice.AmountExclVat, r.Invoice.AmountInclVat, r.Invoice.AmountDue,
        r.Validation.ReceivedAt, r.Validation.DueAt, r.Validation.Outcome, r.Validation.DecidedAt, r.Validation.ReasonCode, r.Validation.Comment);

    private static PortiqueException NotFound(long invoiceId) =>
        PortiqueException.NotFound("INVOICE_NOT_FOUND", $"La facture {invoiceId} n'existe pas ou n'est pas à valider par cette structure.");

    internal static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/structures/{structureId:long}/invoices/to-validate");
        group.MapGet("", async Task<Ok<ValidatorPage>> (long structureId, [AsParameters] ValidatorSearch search, InvoicesToValidateHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.SearchAsync(structureId, search, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesAValider, HabilitationProfile.Consultation))
            .WithSummary("Factures à valider (sous-traitance A9, cotraitance A12), par date limite");
        group.MapGet("/{invoiceId:long}", async Task<Ok<InvoiceToValidate>> (long structureId, long invoiceId, InvoicesToValidateHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(structureId, invoiceId, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesAValider, HabilitationProfile.Consultation))
            .WithSummary("Consulter une facture à valider");
        group.MapPost("/{invoiceId:long}/decision", async Task<Ok<InvoiceToValidate>> (long structureId, long invoiceId, ValidationDecision decision,
                    InvoicesToValidateHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.DecideAsync(structureId, invoiceId, decision, ct)))
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesAValider, HabilitationProfile.Modification))
            .WithSummary("Valider ou refuser (avec un motif) une facture de sous-traitance ou de cotraitance, sous 15 jours");
    }
}
