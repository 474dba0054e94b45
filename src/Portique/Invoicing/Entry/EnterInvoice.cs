using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Formats;
using Portique.Formats.Model;
using Portique.Invoicing.Deposit;
using Portique.Organisation;
using Portique.Organisation.BankAccounts;
using Model = Portique.Formats.Model;

namespace Portique.Invoicing.Entry;

/// <summary>A line as entered; RemiseHt is a discount on the line (EN 16931 BG-27), deducted from quantity × price.</summary>
public sealed record EntryLine(string? Designation, decimal Quantite, decimal PrixUnitaireHt, decimal TauxTva, decimal RemiseHt = 0m);

/// <summary>
/// An invoice entered by hand (saisie): the supplier is the route's structure, the recipient is given by its identifier.
/// TypeFacture (FACTURE, AVOIR, ACOMPTE) and Devise (ISO 4217) default to an invoice in euros; the contract (BT-12), the
/// invoice a credit note corrects (BT-25) and a free comment (BT-22) are optional. The payment means (ModePaiement, a code of
/// <see cref="PaymentModes"/>) and the supplier's bank details (IdCoordonneesBancaires, one of its active bank accounts) are
/// optional too: bank details alone mean a credit transfer to that account.
/// </summary>
public sealed record EnterInvoiceRequest(
    string? NumeroFacture, DateOnly? DateFacture, DateOnly? DateEcheance, string? IdentifiantDestinataire, string? CodeService,
    string? NumeroEngagement, IReadOnlyList<EntryLine>? Lignes, string? TypeFacture = null, string? Devise = null,
    string? NumeroMarche = null, string? NumeroFactureOrigine = null, string? Commentaire = null,
    string? ModePaiement = null, long? IdCoordonneesBancaires = null, string? Cadre = null, string? MotifExonerationTva = null,
    string? TypeTva = null, IReadOnlyList<Lifecycle.AttachmentUpload>? PiecesJointes = null,
    string? CodeStructureValideur = null, string? CodeServiceValideur = null);

public sealed record VatLine(decimal TauxTva, decimal BaseHt, decimal MontantTva);

public sealed record EntryTotals(IReadOnlyList<VatLine> Tva, decimal MontantHt, decimal MontantTva, decimal MontantTtc);

/// <summary>DEPOT_PDF: the invoice image deposited with the entered data, base64 in JSON.</summary>
public sealed record PdfEntryRequest(EnterInvoiceRequest Facture, string? FichierPdf, string? NomFichierPdf);

/// <summary>The invoice image of a PDF deposit.</summary>
public sealed record EntryPdf(string FileName, byte[] Content);

/// <summary>A complementary document sent with the entry (a purchase order, a delivery note…).</summary>
public sealed record EntryFile(string FileName, byte[] Content);

public sealed record EnteredInvoice(string NumeroFluxDepot, DateTimeOffset DateDepot, FlowState EtatCourantFlux, EntryTotals Totaux);

/// <summary>
/// Entry by form: the fields are checked and the totals computed here, the EN 16931 model is written as UBL and deposited
/// through the same handler as a file, so the engine's rules, the recipient checks, the duplicate check and the lifecycle
/// are the ones every channel goes through.
/// </summary>
public sealed class EnterInvoiceHandler(PortiqueDb db, DepositFlowHandler deposit)
{
    public const int MaxLines = 500;

    /// <summary>The French VAT rates (metropolitan and overseas departments); 0 is a zero-rated line.</summary>
    public static readonly IReadOnlyList<decimal> VatRates = [20m, 10m, 8.5m, 5.5m, 2.1m, 1.05m, 0.9m, 0m];

    /// <summary>The complementary documents an entry may embed; more go through completer.</summary>
    public const int MaxAttachments = 10;

    /// <summary>The types EN 16931 lets an invoice embed (BR-CL-24), by file extension.</summary>
    private static readonly Dictionary<string, string> EmbeddableTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf", [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".csv"] = "text/csv",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
    };

    /// <param name="attachments">Documents already read (the page's files, the file store's), before those of the request's JSON.</param>
    public async Task<EnteredInvoice> HandleAsync(long structureId, EnterInvoiceRequest request, CancellationToken ct, EntryPdf? pdf = null,
        IReadOnlyList<EntryFile>? attachments = null)
    {
        var number = Validation.Required(request.NumeroFacture, "numeroFacture", 20);
        var issueDate = request.DateFacture ?? throw new PortiqueException("FIELD_REQUIRED", "Le champ « dateFacture » est obligatoire.") { Field = "dateFacture" };
        if (request.DateEcheance is { } due && due < issueDate)
            throw new PortiqueException("ENTRY_DUE_DATE_INVALID", "Le champ « dateEcheance » précède la date de facture.") { Field = "dateEcheance" };
        var recipientId = Validation.Required(request.IdentifiantDestinataire, "identifiantDestinataire", 80).Replace(" ", "", StringComparison.Ordinal);
        var serviceCode = Validation.MaxLength(request.CodeService, "codeService", 100);
        var commitment = Validation.MaxLength(request.NumeroEngagement, "numeroEngagement", 50);
        var lines = CheckLines(request.Lignes);
        var typeCode = TypeCode(request.TypeFacture);
        var currency = Currency(request.Devise);
        var contract = Validation.MaxLength(request.NumeroMarche, "numeroMarche", 50);
        var corrected = Validation.MaxLength(request.NumeroFactureOrigine, "numeroFactureOrigine", 20);
        var comment = Validation.MaxLength(request.Commentaire, "commentaire", 1000);
        // BT-23, the code the deposit reads back as the invoice's cadre (A1, A2…); absent, a plain supplier invoice. A Chorus
        // cadre may be given by its code or its name (A9_FACTURE_SOUSTRAITANT); A9/A12 name their validator (BG-24, ValidatorReference).
        var cadre = request.Cadre?.Trim().ToUpperInvariant() is { Length: > 0 } c
            ? Cadres.CadreTable.Find(c)?.Code ?? (c.Length <= 4 && c.All(char.IsAsciiLetterOrDigit) ? c : throw new PortiqueException("ENTRY_CADRE_INVALID", $"Le cadre de facturation « {request.Cadre} » n'est pas un code (A1, A2…)."))
            : null;
        var validatorCode = Validation.MaxLength(request.CodeStructureValideur, "codeStructureValideur", 80)?.Replace(" ", "", StringComparison.Ordinal);
        var validator = validatorCode is null ? null : new Cadres.ValidatorReference(validatorCode, Validation.MaxLength(request.CodeServiceValideur, "codeServiceValideur", 100));
        if (pdf is not null)
            CheckPdf(pdf);
        var documents = Embeddable([.. attachments ?? [], .. (request.PiecesJointes ?? []).Select(a => new EntryFile(a.Nom, a.Bytes()))]);
        var payment = PaymentModes.Find(request.ModePaiement, request.IdCoordonneesBancaires is not null);
        var exemption = VatExemptions.Find(request.MotifExonerationTva);
        var vatPoint = VatPointDateCode(request.TypeTva);
        if (exemption is not null && !lines.Any(l => l.TauxTva == 0m))
            throw new PortiqueException("ENTRY_EXEMPTION_UNEXPECTED", "Un motif d'exonération (« motifExonerationTva ») s'applique aux lignes à 0 % : la facture n'en a pas.") { Field = "motifExonerationTva" };
        var totals = Compute(lines);

        var supplier = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == structureId, ct)
            ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas.");
        // The cadre's rule at once, so that a cadre the structure may not use leaves nothing stored; the deposit applies it again.
        if (Cadres.CadreTable.IsCadreCode(cadre) || validator is not null)
        {
            Cadres.CadreTable.CheckDeposit(cadre, supplier.IsPublic, validator is not null);
            if (validator is not null && !await db.Structures.AnyAsync(s => s.Identifier == validator.StructureIdentifier, ct))
                throw new PortiqueException("VALIDATOR_NOT_FOUND", $"La structure valideur {validator.StructureIdentifier} n'existe pas sur Portique.") { Field = "codeStructureValideur" };
        }
        if (string.IsNullOrWhiteSpace(supplier.VatNumber) && lines.Any(l => l.TauxTva != 0m))
            throw new PortiqueException("ENTRY_SUPPLIER_VAT_REQUIRED",
                "La structure fournisseur n'a pas de numéro de TVA intracommunautaire, obligatoire pour facturer de la TVA (EN 16931 BR-S-02) : renseignez-le dans sa fiche.");
        // Refused at once for a quick answer; the deposit processing checks it again, as for every channel.
        if (await db.Set<Invoice>().AnyAsync(i => i.SupplierStructureId == structureId && i.NumberYear == issueDate.Year && i.Number == number, ct))
            throw new PortiqueException("INVOICE_NUMBER_DUPLICATE", $"Le fournisseur a déjà déposé une facture numéro {number} en {issueDate.Year}.", 409) { Field = "numeroFacture" };
        var recipient = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Identifier == recipientId, ct);
        if (recipient?.Id == supplier.Id)
            throw new PortiqueException("RECIPIENT_IS_SUPPLIER", $"La structure {supplier.Identifier} ne peut pas se facturer elle-même : le destinataire doit être une autre structure.") { Field = "identifiantDestinataire" };
        var account = request.IdCoordonneesBancaires is { } accountId ? await db.ActiveAsync(structureId, accountId, ct) : null;

        var model = Build(supplier, recipientId, recipient, number, issueDate, request.DateEcheance, serviceCode, commitment, lines, totals);
        model.TypeCode = typeCode;
        model.CurrencyCode = currency;
        model.ContractReference = contract;
        model.BusinessProcessType = cadre;
        model.VatPointDateCode = vatPoint;
        if (exemption is not null)
            Exempt(model, exemption);
        if (corrected is not null)
            model.PrecedingInvoices.Add(new PrecedingInvoice { Number = corrected });
        if (comment is not null)
            model.Notes.Add(new Note { Text = comment });
        if (payment is not null)
            model.PaymentMeans.Add(PaymentModes.Means(payment, account));
        if (pdf is not null)
            model.SupportingDocuments.Add(new SupportingDocument
            {
                Reference = "FACTURE-PDF", Description = "Image de la facture (dépôt PDF)",
                AttachmentBase64 = Convert.ToBase64String(pdf.Content), AttachmentMimeCode = "application/pdf", AttachmentFilename = Path.GetFileName(pdf.FileName),
            });
        model.SupportingDocuments.AddRange(documents);
        validator?.WriteTo(model);
        // UBL keeps credit notes in their own document type (the invoice subset refuses 381, BR-CL-01).
        var xml = InvoiceXml.Write(model, typeCode == "381" ? InvoiceSyntax.UblCreditNote : InvoiceSyntax.UblInvoice);
        var report = InvoiceEngine.Validate(xml);
        if (!report.IsValid)
            throw new PortiqueException("ENTRY_INVALID", "La facture saisie n'est pas conforme : "
                + string.Join(" ; ", report.Findings.Where(f => f.Severity == Severity.Fatal).Select(f => $"{f.Rule} {Findings.FindingMessages.For(f.Rule, f.Message)}")));
        var flow = await deposit.HandleAsync(structureId, $"{(pdf is null ? "saisie" : "depot-pdf")}-{SafeName(number)}.xml", FlowSyntax.IN_DP_E1_UBL_INVOICE, xml, ct,
            pdf is null ? DepositModes.Entry : DepositModes.Pdf);
        return new EnteredInvoice(flow.NumeroFluxDepot, flow.DateDepot, flow.EtatCourantFlux, totals);
    }

    /// <summary>The document type as UNTDID 1001 (the codes the deposit reads back as FACTURE, AVOIR, ACOMPTE).</summary>
    private static string TypeCode(string? type) => type?.Trim().ToUpperInvariant() switch
    {
        null or "" or "FACTURE" => "380",
        "AVOIR" => "381",
        "ACOMPTE" => "386",
        _ => throw new PortiqueException("ENTRY_TYPE_INVALID", $"Le champ « typeFacture » doit être FACTURE, AVOIR ou ACOMPTE : « {type} ».") { Field = "typeFacture" },
    };

    /// <summary>
    /// When the VAT is due (Chorus Pro's typeTva) as EN 16931 BT-8, UNTDID 2005: on debits at the invoice date (3), on
    /// receipts at payment (432); an exempt or VAT-free invoice says nothing here (its lines say it).
    /// </summary>
    public static string? VatPointDateCode(string? typeTva) => typeTva?.Trim().ToUpperInvariant() switch
    {
        null or "" or "EXONERATION" or "SANS_TVA" => null,
        "TVA_SUR_DEBIT" => "3",
        "TVA_SUR_ENCAISSEMENT" => "432",
        _ => throw new PortiqueException("ENTRY_VAT_TYPE_INVALID",
            $"Le champ « typeTva » doit être TVA_SUR_DEBIT, TVA_SUR_ENCAISSEMENT, EXONERATION ou SANS_TVA : « {typeTva} ».") { Field = "typeTva" },
    };

    /// <summary>The reverse of <see cref="VatPointDateCode"/>, for an invoice read back (CII writes 5 and 72 where UBL writes 3 and 432).</summary>
    public static string? TypeTvaOf(string? vatPointDateCode) => vatPointDateCode switch
    {
        "3" or "5" => "TVA_SUR_DEBIT",
        "432" or "72" => "TVA_SUR_ENCAISSEMENT",
        _ => null,
    };

    /// <summary>An ISO 4217 code (three letters); euros by default.</summary>
    private static string Currency(string? currency)
    {
        var code = string.IsNullOrWhiteSpace(currency) ? "EUR" : currency.Trim().ToUpperInvariant();
        return code.Length == 3 && code.All(char.IsAsciiLetterUpper)
            ? code
            : throw new PortiqueException("ENTRY_CURRENCY_INVALID", $"Le champ « devise » doit être un code ISO 4217 : « {currency} ».") { Field = "devise" };
    }

    /// <summary>
    /// Complementary documents travel inside the UBL (BG-24, as the PDF image does) and become the invoice's attachments
    /// when it is integrated: they must be of a type an invoice may embed, and of an attachment's name and size.
    /// </summary>
    private static List<SupportingDocument> Embeddable(IReadOnlyList<EntryFile> files)
    {
        if (files.Count > MaxAttachments)
            throw new PortiqueException("ATTACHMENT_TOO_MANY", $"Une facture saisie emporte au plus {MaxAttachments} pièces jointes : ajoutez les autres en la complétant.");
        return [.. files.Select((file, i) =>
        {
            var name = InvoiceAttachment.CheckedName(Path.GetFileName(file.FileName), file.Content, $"piecesJointes[{i}].nom");
            if (!EmbeddableTypes.TryGetValue(Path.GetExtension(name), out var type))
                throw new PortiqueException("ATTACHMENT_TYPE_UNSUPPORTED",
                    $"La pièce jointe « {name} » n'est pas d'un type qu'une facture peut emporter (PDF, PNG, JPEG, CSV, XLSX, ODS) : ajoutez-la en complétant la facture.");
            return new SupportingDocument
            {
                Reference = $"PJ-{i + 1}", Description = name,
                AttachmentBase64 = Convert.ToBase64String(file.Content), AttachmentMimeCode = type, AttachmentFilename = name,
            };
        })];
    }

    /// <summary>The image must be a PDF of at most an attachment's size, with a name an attachment can keep.</summary>
    private static void CheckPdf(EntryPdf pdf)
    {
        Validation.Required(Path.GetFileName(pdf.FileName), "nomFichierPdf", 50);
        if (pdf.Content.Length == 0 || pdf.Content.Length > InvoiceAttachment.MaxBytes)
            throw new PortiqueException("ENTRY_PDF_INVALID", "Le champ « fichierPdf » doit être un PDF de 10 Mo au plus.") { Field = "fichierPdf" };
        if (!pdf.Content.AsSpan().StartsWith("%PDF-"u8))
            throw new PortiqueException("ENTRY_PDF_INVALID", "Le champ « fichierPdf » n'est pas un fichier PDF.") { Field = "fichierPdf" };
    }

    private static List<EntryLine> CheckLines(IReadOnlyList<EntryLine>? lines)
    {
        if (lines is null || lines.Count == 0)
            throw new PortiqueException("ENTRY_LINES_REQUIRED", "Saisissez au moins une ligne (« lignes »).") { Field = "lignes" };
        if (lines.Count > MaxLines)
            throw new PortiqueException("ENTRY_TOO_MANY_LINES", $"Une facture saisie a au plus {MaxLines} lignes.");
        var checkedLines = new List<EntryLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i] ?? throw new PortiqueException("FIELD_REQUIRED", $"La ligne {i + 1} est vide.") { Field = $"lignes[{i}].designation" };
            var designation = Validation.Required(line.Designation, $"lignes[{i}].designation", 200);
            if (line.Quantite <= 0 || line.Quantite.Scale > 4)
                throw new PortiqueException("ENTRY_QUANTITY_INVALID", $"Le champ « lignes[{i}].quantite » doit être positif (4 décimales au plus).") { Field = $"lignes[{i}].quantite" };
            if (line.PrixUnitaireHt < 0 || line.PrixUnitaireHt.Scale > 4)
                throw new PortiqueException("ENTRY_PRICE_INVALID", $"Le champ « lignes[{i}].prixUnitaireHt » doit être positif ou nul (4 décimales au plus).") { Field = $"lignes[{i}].prixUnitaireHt" };
            if (!VatRates.Contains(line.TauxTva))
                throw new PortiqueException("ENTRY_VAT_RATE_INVALID",
                    $"Le champ « lignes[{i}].tauxTva » doit être l'un des taux {string.Join(", ", VatRates.Select(r => r.ToString(CultureInfo.InvariantCulture)))}.") { Field = $"lignes[{i}].tauxTva" };
            if (line.RemiseHt < 0 || line.RemiseHt.Scale > 2 || line.RemiseHt > Cents(line.Quantite * line.PrixUnitaireHt))
                throw new PortiqueException("ENTRY_DISCOUNT_INVALID",
                    $"Le champ « lignes[{i}].remiseHt » doit être un montant positif (2 décimales au plus) qui ne dépasse pas quantité × prix unitaire.") { Field = $"lignes[{i}].remiseHt" };
            checkedLines.Add(line with { Designation = designation });
        }
        return checkedLines;
    }

    /// <summary>Line nets rounded to the cent, VAT per rate on the rate's base (EN 16931 BR-CO-17), totals their sums.</summary>
    public static EntryTotals Compute(IReadOnlyList<EntryLine> lines)
    {
        var vat = lines.GroupBy(l => l.TauxTva).OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var basis = g.Sum(l => Net(l));
                return new VatLine(g.Key, basis, Cents(basis * g.Key / 100m));
            }).ToList();
        var exclVat = vat.Sum(v => v.BaseHt);
        var vatTotal = vat.Sum(v => v.MontantTva);
        return new EntryTotals(vat, exclVat, vatTotal, exclVat + vatTotal);
    }

    private static decimal Net(EntryLine line) => Cents(line.Quantite * line.PrixUnitaireHt) - line.RemiseHt;

    private static decimal Cents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static Model.Invoice Build(Structure supplier, string recipientId, Structure? recipient, string number, DateOnly issueDate, DateOnly? dueDate,
        string? serviceCode, string? commitment, List<EntryLine> lines, EntryTotals totals) => new()
    {
        Number = number,
        IssueDate = issueDate,
        TypeCode = "380",
        CurrencyCode = "EUR",
        PaymentDueDate = dueDate,
        BuyerReference = serviceCode,
        PurchaseOrderReference = commitment,
        SpecificationIdentifier = "urn:cen.eu:en16931:2017",
        Seller = Party(supplier.Name, supplier.Identifier, supplier.VatNumber, supplier.Address, seller: true),
        Buyer = Party(recipient?.Name ?? recipientId, recipientId, recipient?.VatNumber, recipient?.Address),
        Lines = [.. lines.Select((l, i) => new Model.InvoiceLine
        {
            Index = i + 1,
            Id = (i + 1).ToString(CultureInfo.InvariantCulture),
            Quantity = l.Quantite,
            QuantityUnitCode = "C62",
            NetAmount = Net(l),
            // BT-131 = quantity × net price − allowances; a discount names its reason (BR-42), UNTDID 5189 95 "Discount".
            AllowanceCharges = l.RemiseHt > 0 ? [new LineAllowanceCharge { IsCharge = false, Amount = l.RemiseHt, Reason = "Remise", ReasonCode = "95" }] : [],
            Price = new PriceDetails { NetPrice = l.PrixUnitaireHt },
            VatCategoryCode = Category(l.TauxTva),
            VatRate = l.TauxTva,
            Item = new Item { Name = l.Designation },
        })],
        VatBreakdown = [.. totals.Tva.Select(v => new VatBreakdown
        {
            TaxableAmount = v.BaseHt, TaxAmount = v.MontantTva, CategoryCode = Category(v.TauxTva), Rate = v.TauxTva,
        })],
        Totals = new DocumentTotals
        {
            LineNetTotal = totals.MontantHt, TaxExclusiveAmount = totals.MontantHt, VatTotal = totals.MontantTva,
            TaxInclusiveAmount = totals.MontantTtc, PayableAmount = totals.MontantTtc,
        },
    };

    // A 0 % line is zero rated (Z), which needs no exemption reason, unlike exempt (E) and the others (Exempt).
    private static string Category(decimal rate) => rate == 0m ? "Z" : "S";

    /// <summary>
    /// The 0 % lines take the exemption's category and its breakdown the reason (BT-120, BT-121). Outside the scope of VAT
    /// (O) there is neither a rate nor a VAT number on the invoice (EN 16931 BR-O-02 to BR-O-05).
    /// </summary>
    private static void Exempt(Model.Invoice model, VatExemptions.Exemption exemption)
    {
        var outOfScope = exemption.Category == "O";
        foreach (var line in model.Lines.Where(l => l.VatRate == 0m))
        {
            line.VatCategoryCode = exemption.Category;
            if (outOfScope)
                line.VatRate = null;
        }
        foreach (var vat in model.VatBreakdown.Where(v => v.Rate == 0m))
        {
            (vat.CategoryCode, vat.ExemptionReasonCode, vat.ExemptionReason) = (exemption.Category, exemption.Code, exemption.Label);
            if (outOfScope)
                vat.Rate = null;
        }
        if (outOfScope)
            (model.Seller.VatIdentifier, model.Buyer.VatIdentifier) = (null, null);
    }

    /// <summary>
    /// Seller and buyer identified by their identifier (legal registration and electronic address, scheme 0009 SIRET). A
    /// French seller without a VAT number gives its SIREN as tax registration (BT-32): EN 16931 wants one of the two on an
    /// invoice whose lines are zero rated or exempt (BR-Z-02, BR-E-02), which is what such a supplier invoices.
    /// </summary>
    private static Party Party(string name, string identifier, string? vatNumber, PostalAddress? address, bool seller = false) => new()
    {
        Name = name,
        LegalRegistrationId = new Identifier(identifier, IsSiret(identifier) ? "0009" : null),
        ElectronicAddress = new Identifier(identifier, "0009"),
        VatIdentifier = vatNumber,
        TaxRegistrationIdentifier = seller && string.IsNullOrWhiteSpace(vatNumber) && IsSiret(identifier) ? identifier[..9] : null,
        Address = new Address
        {
            Line1 = address?.Line1, Line2 = address?.Line2, PostCode = address?.PostCode, City = address?.City,
            CountryCode = string.IsNullOrWhiteSpace(address?.CountryCode) ? "FR" : address.CountryCode,
        },
    };

    private static bool IsSiret(string identifier) => identifier.Length == 14 && identifier.All(char.IsAsciiDigit);

    private static string SafeName(string number) => string.Concat(number.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/structures/{structureId:long}/invoices/entries", async Task<Created<EnteredInvoice>> (long structureId, EnterInvoiceRequest request, EnterInvoiceHandler handler, CancellationToken ct) =>
            {
                var entered = await handler.HandleAsync(structureId, request, ct);
                return TypedResults.Created($"/api/v1/structures/{structureId}/invoices/flows/{entered.NumeroFluxDepot}", entered);
            })
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesEmises, HabilitationProfile.Modification))
            .WithSummary("Saisir une facture (parties, lignes, TVA) : elle suit le même circuit qu'un flux déposé");
        api.MapPost("/structures/{structureId:long}/invoices/pdf", async Task<Created<EnteredInvoice>> (long structureId, PdfEntryRequest request, EnterInvoiceHandler handler, CancellationToken ct) =>
            {
                var entered = await handler.HandleAsync(structureId, request.Facture ?? throw new PortiqueException("FIELD_REQUIRED", "Le champ « facture » est obligatoire."),
                    ct, new EntryPdf(request.NomFichierPdf ?? "", Base64(request.FichierPdf)));
                return TypedResults.Created($"/api/v1/structures/{structureId}/invoices/flows/{entered.NumeroFluxDepot}", entered);
            })
            .RequireAuthorization(Policies.Habilitation(PortalApplication.FacturesEmises, HabilitationProfile.Modification))
            .WithSummary("Déposer une facture PDF avec ses données saisies (mode DEPOT_PDF)");
    }

    private static byte[] Base64(string? value)
    {
        try
        {
            return Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            throw new PortiqueException("ENTRY_PDF_INVALID", "Le champ « fichierPdf » n'est pas encodé en base64.") { Field = "fichierPdf" };
        }
    }
}
