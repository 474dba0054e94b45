using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Invoicing.Entry;
using Portique.Organisation;
using Portique.Organisation.BankAccounts.ListBankAccounts;

namespace Portique.Web.Pages.Invoicing;

/// <summary>Entry of an invoice by form, optionally with its PDF image (DEPOT_PDF): the same handler as the API.</summary>
[Authorize(Policy = Policies.SentInvoicesWrite)]
public sealed class EntryModel(EnterInvoiceHandler handler, ListBankAccountsHandler bankAccounts, RecipientCheck recipients, TimeProvider clock) : PortiquePage
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
    /// <summary>The cadre (A1 by default); A9 and A12 name their validator structure (titulaire, mandataire) and its service.</summary>
    [BindProperty] public string? Cadre { get; set; }
    [BindProperty] public string? CodeStructureValideur { get; set; }
    [BindProperty] public string? CodeServiceValideur { get; set; }
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
            await CheckRecipientAsync(ct);
            // Trailing empty rows are not lines; an empty row between two lines is refused, so refusals name the row as shown.
            var lines = Lines.Take(Lines.FindLastIndex(l => !IsBlank(l)) + 1)
                .Select((l, i) => new EntryLine(l.Designation, Number(l.Quantite, $"lignes[{i}].quantite"), Number(l.PrixUnitaireHt, $"lignes[{i}].prixUnitaireHt"),
                    Number(l.TauxTva, $"lignes[{i}].tauxTva"), string.IsNullOrWhiteSpace(l.RemiseHt) ? 0m : Number(l.RemiseHt, $"lignes[{i}].remiseHt")))
                .ToList();
            var request = new EnterInvoiceRequest(NumeroFacture, DateFacture, DateEcheance, IdentifiantDestinataire, CodeService, NumeroEngagement, lines,
                TypeFacture, Devise, NumeroMarche, NumeroFactureOrigine, Commentaire, ModePaiement, IdCoordonneesBancaires,
                Cadre: Cadre, MotifExonerationTva: MotifExonerationTva, TypeTva: TypeTva,
                CodeStructureValideur: Blank(CodeStructureValideur), CodeServiceValideur: Blank(CodeServiceValideur));
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

    /// <summary>
    /// The recipient's checks (known, active, service code and commitment number as its parameters require) before the
    /// deposit, so a refusal comes back to this form with everything typed, next to the field concerned; the deposit
    /// processing checks them again, as for every channel.
    /// </summary>
    private async Task CheckRecipientAsync(CancellationToken ct)
    {
        var id = (IdentifiantDestinataire ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (id.Length == 0)
            return; // the handler says the field is required
        var structure = await recipients.FindAsync([id], ct);
        try
        {
            RecipientCheck.Check(structure, CodeService, NumeroEngagement, clock.GetUtcNow().DayInParis());
        }
        catch (PortiqueException e) when (e.Field is null)
        {
            throw new PortiqueException(e.Code, e.Message, e.Status) { Field = RecipientField(e.Code) };
        }
    }

    private static string RecipientField(string code) => code switch
    {
        "SERVICE_NOT_FOUND" or "SERVICE_CODE_REQUIRED" or "SERVICE_INACTIVE" or "SERVICE_OR_COMMITMENT_REQUIRED" => "codeService",
        "COMMITMENT_NUMBER_REQUIRED" => "numeroEngagement",
        _ => "identifiantDestinataire",
    };

    /// <summary>The API's field names (the handler's) as this form's inputs and the labels the user reads.</summary>
    protected override (string Key, string Label)? FieldOf(PortiqueException refusal)
    {
        // "lignes[3].quantite" → the row's input "Lines[3].Quantite", labelled "Quantité, ligne 4".
        if (refusal.Field is { } field && field.StartsWith("lignes[", StringComparison.Ordinal) && field.IndexOf("].", StringComparison.Ordinal) is > 7 and var close
            && int.TryParse(field.AsSpan(7, close - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var row))
        {
            var (key, label) = field[(close + 2)..] switch
            {
                "designation" => ("Designation", "Désignation"),
                "quantite" => ("Quantite", "Quantité"),
                "prixUnitaireHt" => ("PrixUnitaireHt", "Prix unitaire HT"),
                "remiseHt" => ("RemiseHt", "Remise HT"),
                _ => ("TauxTva", "Taux de TVA"),
            };
            return ($"Lines[{row}].{key}", $"{label}, ligne {row + 1}");
        }
        return (refusal.Field, refusal.Code) switch
        {
            ("numeroFacture", _) => ("NumeroFacture", "Numéro de facture"),
            ("dateFacture", _) => ("DateFacture", "Date de facture"),
            ("dateEcheance", _) => ("DateEcheance", "Date d'échéance"),
            ("identifiantDestinataire", _) => ("IdentifiantDestinataire", "Identifiant du destinataire (SIRET)"),
            ("codeService", _) => ("CodeService", "Code service"),
            ("numeroEngagement", _) => ("NumeroEngagement", "Numéro d'engagement"),
            ("typeFacture", _) => ("TypeFacture", "Type"),
            ("devise", _) => ("Devise", "Devise (ISO 4217)"),
            ("numeroMarche", _) => ("NumeroMarche", "Numéro de marché"),
            ("numeroFactureOrigine", _) => ("NumeroFactureOrigine", "Facture d'origine (pour un avoir)"),
            ("commentaire", _) => ("Commentaire", "Commentaire"),
            ("cadre", _) => ("Cadre", "Cadre de facturation"),
            ("codeStructureValideur", _) => ("CodeStructureValideur", "Structure valideur (SIRET du titulaire ou du mandataire)"),
            ("codeServiceValideur", _) => ("CodeServiceValideur", "Code service du valideur"),
            ("typeTva", _) => ("TypeTva", "Exigibilité de la TVA"),
            ("motifExonerationTva", _) => ("MotifExonerationTva", "Motif d'exonération des lignes à 0 %"),
            ("lignes", _) => ("Lines[0].Designation", "Lignes"),
            ("fichierPdf" or "nomFichierPdf", _) => ("Pdf", "Image PDF de la facture"),
            ({ } f, _) when f.StartsWith("piecesJointes", StringComparison.Ordinal) => ("Attachments", "Pièces jointes complémentaires"),
            (_, { } code) when code.StartsWith("ATTACHMENT_", StringComparison.Ordinal) => ("Attachments", "Pièces jointes complémentaires"),
            _ => null,
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool IsBlank(LineForm line) =>
        string.IsNullOrWhiteSpace(line.Designation) && string.IsNullOrWhiteSpace(line.Quantite) && string.IsNullOrWhiteSpace(line.PrixUnitaireHt)
        && string.IsNullOrWhiteSpace(line.RemiseHt);

    /// <summary>Decimals as typed in France (comma) or by a browser number field (point).</summary>
    private static decimal Number(string? value, string field) =>
        decimal.TryParse((value ?? "").Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new PortiqueException("FIELD_NOT_A_NUMBER", $"Le champ « {field} » doit être un nombre (par exemple 1 250,50).") { Field = field };
}
