using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Formats;
using Portique.Formats.Rendering;
using Portique.Organisation;

namespace Portique.Invoicing.Consult;

/// <summary>A history line; Utilisateur is the display name, Auteur the account's details (Chorus Pro's histoStatutUtilisateur…).</summary>
public sealed record HistoryView(InvoiceStatus Statut, string Action, DateTimeOffset Date, string? Utilisateur, string? Commentaire, HistoryAuthor? Auteur = null);

public sealed record HistoryAuthor(string? Nom, string? Prenom, string? Email, string? Telephone);

public sealed record AttachmentView(long Id, string Nom, DateTimeOffset Date);

public sealed record InvoiceDetail(
    long IdentifiantFactureCpp, string NumeroFacture, InvoiceStatus Statut, string TypeFacture, string ModeDepot, string? NumeroFluxDepot,
    DateOnly DateFacture, DateOnly? DateEcheancePaiement, DateTimeOffset DateDepot, string Devise,
    decimal MontantHt, decimal MontantTva, decimal MontantTtc, decimal MontantAPayer, string? CadreFacturation, string? NumeroEngagement, string? NumeroDpMandat,
    long IdFournisseur, string NomFournisseur, long IdDestinataire, string NomDestinataire, string? CodeServiceExecutant,
    string NomFichierOriginal, string EmpreinteCertificatDepot,
    IReadOnlyList<HistoryView> Historique, IReadOnlyList<AttachmentView> PiecesJointes, IReadOnlyList<InvoiceStatus> ActionsPossibles);

/// <summary>Consultation of one invoice from either side, and the downloads: original, HTML rendering, several originals as a zip.</summary>
public sealed class GetInvoiceHandler(PortiqueDb db, InvoiceAccess access, InvoiceRenderings renderings)
{
    public const int MaxZipInvoices = 200;

    public async Task<InvoiceDetail> HandleAsync(long structureId, InvoiceSide side, long invoiceId, CancellationToken ct)
    {
        var invoice = await access.GetAsync(structureId, side, invoiceId, ct);
        var original = await db.Set<InvoiceOriginal>().AsNoTracking().Where(o => o.InvoiceId == invoiceId)
            .Select(o => new { o.FileName, o.Sha256 }).FirstAsync(ct);
        var flowNumber = invoice.FlowId is { } flowId ? await db.Set<Flow>().Where(f => f.Id == flowId).Select(f => f.Number).FirstAsync(ct) : null;
        var serviceCode = invoice.RecipientServiceId is { } sid ? await db.Services.Where(s => s.Id == sid).Select(s => s.Code).FirstAsync(ct) : null;
        var userIds = invoice.History.Where(h => h.UserId != null).Select(h => h.UserId!.Value).Distinct().ToList();
        var authors = await db.Users.Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, u.UserName, u.PhoneNumber }).ToDictionaryAsync(u => u.Id, ct);
        var attachments = await db.Set<InvoiceAttachment>().AsNoTracking().Where(a => a.InvoiceId == invoiceId).OrderBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.AddedAt)).ToListAsync(ct);
        var history = invoice.History.OrderBy(h => h.Id)
            .Select(h => h.UserId is { } u && authors.TryGetValue(u, out var a)
                ? new HistoryView(h.Status, h.Action, h.At, Accounts.User.DisplayNameOf(a.FirstName, a.LastName, a.Email ?? a.UserName, a.Id), h.Comment,
                    new HistoryAuthor(a.LastName, a.FirstName, a.Email, a.PhoneNumber))
                : new HistoryView(h.Status, h.Action, h.At, null, h.Comment)).ToList();
        var next = InvoiceTransitions.Next(invoice.Status, side == InvoiceSide.Sent ? InvoiceActor.Supplier : InvoiceActor.Recipient).ToList();
        if (side == InvoiceSide.Sent && invoice.Status == InvoiceStatus.A_RECYCLER)
            next.Add(InvoiceStatus.EN_COURS_ACHEMINEMENT);
        return new InvoiceDetail(invoice.Id, invoice.Number, invoice.Status, invoice.InvoiceType, invoice.DepositMode, flowNumber,
            invoice.IssueDate, invoice.DueDate, invoice.DepositedAt, invoice.Currency, invoice.AmountExclVat, invoice.VatAmount, invoice.AmountInclVat,
            invoice.AmountDue, invoice.Cadre, invoice.CommitmentNumber, invoice.MandateNumber, invoice.SupplierStructureId, invoice.SupplierName,
            invoice.RecipientStructureId, invoice.RecipientName, serviceCode, original.FileName, original.Sha256, history, attachments, next);
    }

    public async Task<InvoiceOriginal> OriginalAsync(long structureId, InvoiceSide side, long invoiceId, CancellationToken ct)
    {
        var visible = await access.VisibleAsync(structureId, side, ct);
        return await db.Set<InvoiceOriginal>().AsNoTracking().FirstOrDefaultAsync(o => visible.Any(i => i.Id == o.InvoiceId) && o.InvoiceId == invoiceId, ct)
            ?? throw PortiqueException.NotFound("INVOICE_NOT_FOUND", $"La facture {invoiceId} n'existe pas ou n'est pas visible depuis cette structure.");
    }

    /// <summary>One attachment of an invoice the caller may see from this structure and side (completion files, embedded documents, PDF image).</summary>
    public async Task<InvoiceAttachment> AttachmentAsync(long structureId, InvoiceSide side, long invoiceId, long attachmentId, CancellationToken ct)
    {
        var visible = await access.VisibleAsync(structureId, side, ct);
        return await db.Set<InvoiceAttachment>().AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attachmentId && a.InvoiceId == invoiceId && visible.Any(i => i.Id == invoiceId), ct)
            ?? throw PortiqueException.NotFound("ATTACHMENT_NOT_FOUND", $"La pièce jointe {attachmentId} de la facture {invoiceId} n'existe pas ou n'est pas visible depuis cette structure.");
    }

    /// <summary>A readable rendering of the original through the invoice engine, in the user's language (French unless English).</summary>
    public async Task<string> HtmlAsync(long structureId, InvoiceSide side, long invoiceId, CancellationToken ct, RenderLanguage language = RenderLanguage.French)
    {
        var original = await OriginalAsync(structureId, side, invoiceId, ct);
        return await renderings.HtmlAsync(invoiceId, language, budget => InvoiceEngine.RenderHtml(InvoiceEngine.Read(original.Content).Invoice, language, budget), ct);
    }

    /// <summary>A readable PDF rendering of the original through the invoice engine, or the image of a PDF deposit.</summary>
    public async Task<byte[]> PdfAsync(long structureId, InvoiceSide side, long invoiceId, CancellationToken ct, RenderLanguage language = RenderLanguage.French)
    {
        var original = await OriginalAsync(structureId, side, invoiceId, ct);
        // A PDF deposit's rendering is the image the supplier deposited, kept as its first attachment.
        var deposited = await db.Set<Invoice>().Where(i => i.Id == invoiceId && i.DepositMode == DepositModes.Pdf)
            .Join(db.Set<InvoiceAttachment>(), i => i.Id, a => a.InvoiceId, (i, a) => a).OrderBy(a => a.Id).Select(a => a.Content).FirstOrDefaultAsync(ct);
        if (deposited is not null)
            return deposited;
        return await renderings.PdfAsync(invoiceId, language, budget => InvoiceEngine.RenderPdf(InvoiceEngine.Read(original.Content).Invoice, language, budget), ct);
    }

    /// <summary>The originals of the requested invoices that the caller may see, in one zip.</summary>
    public async Task<byte[]> ZipAsync(long structureId, InvoiceSide side, IReadOnlyList<long> invoiceIds, CancellationToken ct)
    {
        if (invoiceIds.Count == 0 || invoiceIds.Count > MaxZipInvoices)
            throw new PortiqueException("DOWNLOAD_SELECTION_INVALID", $"Choisissez entre 1 et {MaxZipInvoices} factures.");
        var visible = await access.VisibleAsync(structureId, side, ct);
        var rows = await visible.Where(i => invoiceIds.Contains(i.Id))
            .Join(db.Set<InvoiceOriginal>(), i => i.Id, o => o.InvoiceId, (i, o) => new { i.Id, i.Number, o.FileName, o.Content })
            .ToListAsync(ct);
        if (rows.Count != invoiceIds.Distinct().Count())
            throw PortiqueException.NotFound("INVOICE_NOT_FOUND", "Une des factures demandées n'existe pas ou n'est pas visible depuis cette structure.");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                var entry = zip.CreateEntry($"{row.Id}-{FileNames.Safe(row.FileName)}", CompressionLevel.Fastest);
                await using var stream = await entry.OpenAsync(ct);
                await stream.WriteAsync(row.Content, ct);
            }
        }
        return buffer.ToArray();
    }

    public sealed record ZipRequest(IReadOnlyList<long> Ids);

    /// <summary>The language the user chose (culture cookie, or Accept-Language through the request localisation): French unless English.</summary>
    private static RenderLanguage UserLanguage() => RenderLanguages.FromCulture(System.Globalization.CultureInfo.CurrentUICulture);

    internal static void Map(IEndpointRouteBuilder api)
    {
        foreach (var (side, segment, application) in new[]
                 {
                     (InvoiceSide.Sent, "sent", PortalApplication.FacturesEmises),
                     (InvoiceSide.Received, "received", PortalApplication.FacturesRecues),
                 })
        {
            var policy = Policies.Habilitation(application, HabilitationProfile.Consultation);
            api.MapGet($"/structures/{{structureId:long}}/invoices/{segment}/{{invoiceId:long}}", async Task<Ok<InvoiceDetail>> (long structureId, long invoiceId, GetInvoiceHandler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(structureId, side, invoiceId, ct)))
                .RequireAuthorization(policy)
                .WithSummary("Consulter une facture et son historique");
            api.MapGet($"/structures/{{structureId:long}}/invoices/{segment}/{{invoiceId:long}}/original", async Task<FileContentHttpResult> (long structureId, long invoiceId, GetInvoiceHandler handler, CancellationToken ct) =>
                    {
                        var original = await handler.OriginalAsync(structureId, side, invoiceId, ct);
                        return TypedResults.File(original.Content, original.ContentType, FileNames.Safe(original.FileName));
                    })
                .RequireAuthorization(policy)
                .WithSummary("Télécharger l'original déposé");
            api.MapGet($"/structures/{{structureId:long}}/invoices/{segment}/{{invoiceId:long}}/attachments/{{attachmentId:long}}", async Task<IResult> (long structureId, long invoiceId, long attachmentId, GetInvoiceHandler handler, HttpContext http, CancellationToken ct) =>
                    AttachmentDownload.Result(http, await handler.AttachmentAsync(structureId, side, invoiceId, attachmentId, ct)))
                .RequireAuthorization(policy)
                .WithSummary("Ouvrir ou télécharger une pièce jointe de la facture");
            api.MapGet($"/structures/{{structureId:long}}/invoices/{segment}/{{invoiceId:long}}/html", async Task<ContentHttpResult> (long structureId, long invoiceId, GetInvoiceHandler handler, CancellationToken ct) =>
                    TypedResults.Content(await handler.HtmlAsync(structureId, side, invoiceId, ct, UserLanguage()), "text/html; charset=utf-8"))
                .RequireAuthorization(policy)
                .WithSummary("Rendu lisible (HTML) de la facture");
            api.MapGet($"/structures/{{structureId:long}}/invoices/{segment}/{{invoiceId:long}}/pdf", async Task<FileContentHttpResult> (long structureId, long invoiceId, GetInvoiceHandler handler, CancellationToken ct) =>
                    TypedResults.File(await handler.PdfAsync(structureId, side, invoiceId, ct, UserLanguage()), "application/pdf", $"facture-{invoiceId}.pdf"))
                .RequireAuthorization(policy)
                .WithSummary("Rendu lisible (PDF) de la facture");
            api.MapPost($"/structures/{{structureId:long}}/invoices/{segment}/download", async Task<FileContentHttpResult> (long structureId, ZipRequest request, GetInvoiceHandler handler, CancellationToken ct) =>
                    TypedResults.File(await handler.ZipAsync(structureId, side, request.Ids ?? [], ct), "application/zip", "factures.zip"))
                .RequireAuthorization(policy)
                .WithSummary("Télécharger plusieurs factures (zip des originaux)");
        }
    }
}
