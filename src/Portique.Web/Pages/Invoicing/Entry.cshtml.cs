using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Invoicing.Entry;
using Portique.Organisation;
using Portique.Organisation.BankAccounts.ListBankAccounts;

namespace Portique.Web.Pages.Invoicing;

/// <summary>Entry of an invoice by form, optionally with its PDF image (DEPOT_PDF): the same handler as the API.</summary>
[Authorize(Policy = Policies.SentInvoicesWrite)]
public sealed class EntryModel(EnterInvoiceHandler handler, ListBankAccountsHandler bankAccounts) : PortiquePage
{
    /// <summary>Rows offered by the page; the API takes up to <see cref="EnterInvoiceHandler.MaxLines"/>.</summary>
    public const int MaxRows = 30;

    public sealed class LineForm
    {
        public string? Designation { get; set; }
        public string? Quantite { get; set; }
        public string? PrixUnitaireHt { get; set; }
        public string? RemiseHt { get; set; }
        public string TauxTva { get; set; } = "20";
    }

    public long StructureId { get; private set; }

    [BindProperty] public string? NumeroFacture { get; set; }
    [BindProperty] public DateOnly? DateFacture { get; set; }
    [BindProperty] public DateOnly? DateEcheance { get; set; }
    [BindProperty] public string? IdentifiantDestinataire { get; set; }
    [BindProperty] public string? CodeService { get; set; }
    [BindProperty] public string? NumeroEngagement { get; set; }
    [BindProperty] public string TypeFacture { get; set; } = "FACTURE";
    [BindProperty] public string Devise { get; set; } = "EUR";
    [BindProperty] public string? NumeroMarche { get; set; }
    [BindProperty] public string? NumeroFactureOrigine { get; set; }
    [BindProperty] public string? Commentaire { get; set; }
    [BindProperty] public string? MotifExonerationTva { get; set; }
    [BindProperty] public string? TypeTva { get; set; }
    [BindProperty] public string? ModePaiement { get; set; }
    [BindProperty] public long? IdCoordonneesBancaires { get; set; }
    [BindProperty] public List<LineForm> Lines { get; set; } = [];

    /// <summary>The structure's active bank details, one of which a credit transfer names.</summary>
    public IReadOnlyList<BankAccountView> BankAccounts { get; private set; } = [];
    [BindProperty] public IFormFile? Pdf { get; set; }
    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];

    /// <summary>Filled rows plus one empty row are shown; the others wait behind "Ajouter une ligne".</summary>
    public int VisibleLines => Math.Min(MaxRows, Math.Max(3, Lines.Count(l => !IsBlank(l)) + 1));

    public async Task OnGetAsync([FromRoute] long structureId, CancellationToken ct)
    {
        StructureId = structureId;
        BankAccounts = await bankAccounts.HandleAsync(structureId, activeOnly: true, ct);
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] long structureId, CancellationToken ct)
    {
        StructureId = structureId;
        BankAccounts = await bankAccounts.HandleAsync(structureId, activeOnly: true, ct);
        return await Run(async () =>
        {
            // Trailing empty rows are not lines; an empty row between two lines is refused, so refusals name the row as shown.
            var lines = Lines.Take(Lines.FindLastIndex(l => !IsBlank(l)) + 1)
                .Select((l, i) => new EntryLine(l.Designation, Number(l.Quantite, $"lignes[{i}].quantite"), Number(l.PrixUnitaireHt, $"lignes[{i}].prixUnitaireHt"),
                    Number(l.TauxTva, $"lignes[{i}].tauxTva"), string.IsNullOrWhiteSpace(l.RemiseHt) ? 0m : Number(l.RemiseHt, $"lignes[{i}].remiseHt")))
                .ToList();
            var request = new EnterInvoiceRequest(NumeroFacture, DateFacture, DateEcheance, IdentifiantDestinataire, CodeService, NumeroEngagement, lines,
                TypeFacture, Devise, NumeroMarche, NumeroFactureOrigine, Commentaire, ModePaiement, IdCoordonneesBancaires,
                MotifExonerationTva: MotifExonerationTva, TypeTva: TypeTva);
            EntryPdf? pdf = null;
            if (Pdf is not null)
            {
                using var buffer = new MemoryStream();
                await Pdf.CopyToAsync(buffer, ct);
                pdf = new EntryPdf(Pdf.FileName, buffer.ToArray());
            }
            var attachments = new List<EntryFile>();
            foreach (var file in Attachments)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content, ct);
                attachments.Add(new EntryFile(file.FileName, content.ToArray()));
            }
            var entered = await handler.HandleAsync(structureId, request, ct, pdf, attachments);
            return Done($"Facture {request.NumeroFacture} reçue : flux {entered.NumeroFluxDepot}.", $"/Invoicing/{structureId}/Flows/{entered.NumeroFluxDepot}");
        });
    }

    private static bool IsBlank(LineForm line) =>
        string.IsNullOrWhiteSpace(line.Designation) && string.IsNullOrWhiteSpace(line.Quantite) && string.IsNullOrWhiteSpace(line.PrixUnitaireHt)
        && string.IsNullOrWhiteSpace(line.RemiseHt);

    /// <summary>Decimals as typed in France (comma) or by a browser number field (point).</summary>
    private static decimal Number(string? value, string field) =>
        decimal.TryParse((value ?? "").Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new PortiqueException("FIELD_NOT_A_NUMBER", $"Le champ « {field} » doit être un nombre.");
}
