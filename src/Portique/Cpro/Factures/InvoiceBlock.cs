using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;
using Portique.Cpro.Common;
using Portique.Cpro.Transverses;
using Portique.Formats;
using Portique.Formats.Model;
using Portique.Invoicing;
using Portique.Invoicing.Consult;
using Portique.Invoicing.Entry;

namespace Portique.Cpro.Factures;

/// <summary>
/// consulter/{fournisseur,recipiendaire}: the facture block of chorus-pro.md §1.4, from the portal's consultation (statuses,
/// parties, amounts, attachments) and the stored original read by the invoice engine (lines, VAT breakdown, references,
/// payment means, addresses). Sub-lists come as Chorus Pro pages them: objects holding the list and its paging fields.
/// </summary>
internal static class InvoiceBlock
{
    public static async Task<IResult> ConsultAsync(HttpContext http, InvoiceSide side, GetInvoiceHandler handler, PortiqueDb db, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var english = Language(body);
        var structureId = CproAnswer.StructureId(http);
        var id = body.RequiredLong("identifiantFactureCPP", "idFacture");
        var invoice = await handler.HandleAsync(structureId, side, id, ct);
        var model = Read((await handler.OriginalAsync(structureId, side, id, ct)).Content);
        var parties = await db.Structures.AsNoTracking().Where(s => s.Id == invoice.IdFournisseur || s.Id == invoice.IdDestinataire)
            .Select(s => new { s.Id, s.Identifier, s.IdentifierType, s.IsActive }).ToDictionaryAsync(s => s.Id, ct);
        var service = await db.Set<Invoicing.Invoice>().AsNoTracking().Where(i => i.Id == id && i.RecipientServiceId != null)
            .Join(db.Services, i => i.RecipientServiceId, s => (long?)s.Id, (i, s) => new { s.Id, s.Code, s.Name }).FirstOrDefaultAsync(ct);
        var attachments = await db.Set<InvoiceAttachment>().AsNoTracking().Where(a => a.InvoiceId == id).OrderBy(a => a.Id)
            .Select(a => new Attachment(a.Id, a.FileName, (long)a.Content.Length)).ToListAsync(ct);
        var supplier = parties.GetValueOrDefault(invoice.IdFournisseur);
        var recipient = parties.GetValueOrDefault(invoice.IdDestinataire);
        // A PDF deposit's image is its first attachment: the principal piece; the others are complementary.
        var principal = invoice.ModeDepot == DepositModes.Pdf && attachments.Count > 0 ? attachments[0] : null;

        var facture = new Dictionary<string, object?>
        {
            ["identifiantFactureCPP"] = invoice.IdentifiantFactureCpp,
            ["numeroFacture"] = invoice.NumeroFacture,
            ["statutFacture"] = invoice.Statut.ToString(),
            ["modeDepot"] = invoice.ModeDepot,
            ["numeroFluxDepot"] = invoice.NumeroFluxDepot,
            ["commentaire"] = Comment(model),
            ["empreinteCertificatDepot"] = invoice.EmpreinteCertificatDepot,
            ["cadreDeFacturation"] = new Dictionary<string, object?>
            {
                ["codeCadreFacturation"] = ReferenceLists.CadreName(invoice.CadreFacturation),
                // Validators and works parties (A9/A12, MOE, MOA) come with their circuits, not built yet.
                ["idValideur1"] = null,
                ["idValideur2"] = null,
                ["dateValidation1"] = null,
                ["dateValidation2"] = null,
                ["idMoe"] = null,
                ["idMoa"] = null,
            },
            ["destinataire"] = Address(new Dictionary<string, object?>
            {
                ["idDestinataire"] = invoice.IdDestinataire,
                ["codeDestinataire"] = recipient?.Identifier,
                ["libelleDestinataire"] = invoice.NomDestinataire,
                ["designationDestinataire"] = invoice.NomDestinataire,
                ["destinataireEtat"] = recipient is null ? null : recipient.IsActive ? "ACTIF" : "INACTIF",
                ["idServiceExecutant"] = service?.Id,
                ["codeServiceExecutant"] = invoice.CodeServiceExecutant,
                ["libelleServiceExecutant"] = service?.Name,
            }, "adresseDestinataire", model?.Buyer.Address),
            ["fournisseur"] = Supplier(invoice, supplier?.Identifier, supplier?.IdentifierType.ToString(), model),
            ["references"] = new Dictionary<string, object?>
            {
                ["dateFacture"] = CproAnswer.Day(invoice.DateFacture),
                ["dateDepot"] = CproAnswer.Day(DateOnly.FromDateTime(invoice.DateDepot.UtcDateTime)),
                ["dateCreationFacture"] = CproAnswer.Minute(invoice.DateDepot),
                ["dateEcheancePaiement"] = CproAnswer.Day(invoice.DateEcheancePaiement),
                ["typeFacture"] = invoice.TypeFacture,
                ["typeFactureTravaux"] = null,
                ["typeTva"] = EnterInvoiceHandler.TypeTvaOf(model?.VatPointDateCode),
                ["codeDeviseFacture"] = invoice.Devise,
                ["libelleDeviseFacture"] = ReferenceData.CurrencyLabel(invoice.Devise),
                ["modePaiement"] = PaymentMode(model),
                ["motifExonerationTva"] = Exemption(model)?.ExemptionReasonCode,
                ["libelleMotifExonerationTva"] = Exemption(model) is { } e ? e.ExemptionReason ?? VatExemptions.All.FirstOrDefault(x => x.Code == e.ExemptionReasonCode)?.Label : null,
                ["numeroMarche"] = model?.ContractReference,
                ["numeroBonCommande"] = invoice.NumeroEngagement,
                ["numeroFactureOrigine"] = model?.PrecedingInvoices.FirstOrDefault()?.Number,
                ["numeroDpMandat"] = invoice.NumeroDpMandat,
                ["tailleTotalePiecesJointes"] = attachments.Sum(a => a.Size),
            },
            ["lignesDePoste"] = CproAnswer.SubList("lignePoste", model?.Lines ?? [], body.SubPaging("rechercheLignePoste", "pLignesPoste"), "LignesPoste", Line),
            ["recapitulatifDeTva"] = CproAnswer.SubList("ligneTva", model?.VatBreakdown ?? [], body.SubPaging("rechercheligneTvaRecap", "pLigneRecapTva"),
                "LignesRecapitulativesTVA", VatLine),
            ["montantTotal"] = Totals(invoice, model),
            ["pieceJointePrincipale"] = new Dictionary<string, object?>
            {
                ["idPieceJointePrincipale"] = principal?.Id,
                ["idLiaisonPieceJointePrincipale"] = null,
            },
            ["listeDesPiecesJointes"] = CproAnswer.SubList("pieceJointe", attachments, body.SubPaging("recherchePj", "pListePiecesJointes"), "ListePiecesJointe",
                a => AttachmentItem(a, a == principal, english)),
            ["piecePrecedente"] = null,
            ["pieceSuivante"] = null,
        };
        return CproAnswer.Json(CproAnswer.Ok(("facture", facture)));
    }

    private sealed record Attachment(long Id, string Name, long Size);

    /// <summary>Chorus Pro answers in FR or EN (any case); true for EN. The few labels Portique writes here follow it.</summary>
    private static bool Language(CproBody body)
    {
        var language = body.String("codeLangue");
        if (language is not null && !language.Equals("FR", StringComparison.OrdinalIgnoreCase) && !language.Equals("EN", StringComparison.OrdinalIgnoreCase))
            throw new PortiqueException("FIELD_INVALID", $"« codeLangue » doit être FR ou EN : « {language} ».");
        return string.Equals(language, "EN", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The stored original, read again; an original the engine can no longer read leaves its details null.</summary>
    private static Formats.Model.Invoice? Read(byte[] original)
    {
        try
        {
            return InvoiceEngine.Read(original).Invoice;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The free comment (BT-22): a note without one of the French legal subject codes (payment terms, penalties…).</summary>
    private static string? Comment(Formats.Model.Invoice? model) =>
        model?.Notes.FirstOrDefault(n => n.SubjectCode is null or not ("PMT" or "PMD" or "AAB" or "TXD" or "BAR"))?.Text;

    private static VatBreakdown? Exemption(Formats.Model.Invoice? model) =>
        model?.VatBreakdown.FirstOrDefault(v => v.ExemptionReasonCode is not null || v.ExemptionReason is not null);

    /// <summary>The payment means (BT-81) by Chorus Pro's name: UNTDID 4461 codes of recuperer/modereglements, transfers and debits by family, others AUTRE.</summary>
    private static string? PaymentMode(Formats.Model.Invoice? model) => model?.PaymentMeans.FirstOrDefault()?.TypeCode is not { } code
        ? null
        : PaymentModes.All.FirstOrDefault(m => m.Untdid4461 == code)?.Code ?? code switch
        {
            "31" or "42" or "58" => "VIREMENT",
            "59" => "PRELEVEMENT",
            _ => "AUTRE",
        };

    /// <summary>The supplier block, with its credit transfer account (BT-84/85/86; a French IBAN split as a RIB) and its factor (payee, BG-10).</summary>
    private static Dictionary<string, object?> Supplier(InvoiceDetail invoice, string? code, string? identifierType, Formats.Model.Invoice? model)
    {
        var transfer = model?.PaymentMeans.Select(m => m.CreditTransfer).FirstOrDefault(t => t?.AccountIdentifier is not null);
        var iban = transfer?.AccountIdentifier?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var rib = iban is { Length: 27 } && iban.StartsWith("FR", StringComparison.Ordinal) ? iban : null;
        var payee = model?.Payee is { Name: not null } p && !string.Equals(p.Name, model?.Seller.Name, StringComparison.OrdinalIgnoreCase) ? p : null;
        var supplier = new Dictionary<string, object?>
        {
            ["idFournisseur"] = invoice.IdFournisseur,
            ["codeFournisseur"] = code,
            ["typeIdentifiantFournisseur"] = identifierType,
            ["designationFournisseur"] = invoice.NomFournisseur,
            ["numeroRcsFournisseur"] = null,
            // The supplier's services are not kept on invoices.
            ["idServiceFournisseur"] = null,
            ["codeServiceFournisseur"] = null,
            ["libelleServiceFournisseur"] = null,
            ["coordBancairesFournisseurId"] = null,
            ["coordBancairesFournisseurType"] = iban is null ? null : "IBAN",
            ["coordBancairesFournisseurLibelle"] = transfer?.AccountName,
            ["coordBancairesFournisseurCompteBancaire"] = iban,
            ["coordBancairesFournisseurCodePays"] = iban?[..2],
            ["coordBancairesFournisseurCleIban"] = iban is { Length: >= 4 } ? iban[2..4] : null,
            ["coordBancairesFournisseurCodeBanque"] = rib?[4..9],
            ["coordBancairesCodeGuichet"] = rib?[9..14],
            ["coordBancairesFournisseurCleRib"] = rib?[25..27],
            ["coordBancairesBicSwift"] = transfer?.ServiceProviderIdentifier,
            ["affactureur"] = new Dictionary<string, object?>
            {
                ["affactureurId"] = null,
                ["affactureurCode"] = payee?.LegalRegistrationId?.Value ?? payee?.Identifiers.FirstOrDefault()?.Value,
                ["affactureurTypeIdentifiant"] = payee?.LegalRegistrationId?.SchemeId == "0009" ? "SIRET" : null,
                ["affactureurRaisonSociale"] = payee?.Name,
                ["affactureurCodePays"] = null,
            },
        };
        return Address(supplier, "adresseFournisseur", model?.Seller.Address);
    }

    /// <summary>A party's address fields (adresseFournisseur…, adresseDestinataire…), from the invoice's own address of that party.</summary>
    private static Dictionary<string, object?> Address(Dictionary<string, object?> party, string prefix, Formats.Model.Address? address)
    {
        party[$"{prefix}Id"] = null;
        party[$"{prefix}Detail"] = address?.Line1;
        party[$"{prefix}Complement1"] = address?.Line2;
        party[$"{prefix}Complement2"] = address?.Line3;
        party[$"{prefix}CodePostal"] = address?.PostCode;
        party[$"{prefix}Ville"] = address?.City;
        party[$"{prefix}CodePays"] = address?.CountryCode;
        party[$"{prefix}LibellePays"] = address?.CountryCode is { } country ? ReferenceData.CountryLabel(country) : null;
        return party;
    }

    /// <summary>
    /// A line in Chorus Pro's names. Its VAT amount and amount with VAT are computed from the line (EN 16931 carries VAT per
    /// rate, not per line); the unit is the UN/ECE code (lignePosteUniteLibelle), Chorus Pro's numeric unit code is null.
    /// </summary>
    private static Dictionary<string, object?> Line(InvoiceLine line)
    {
        var net = line.NetAmount;
        var vat = net is { } n && line.VatRate is { } r ? Math.Round(n * r / 100m, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
        return new()
        {
            ["lignePosteNumero"] = int.TryParse(line.Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : line.Index,
            ["lignePosteReference"] = line.Item.SellerId,
            ["lignePosteDenomination"] = line.Item.Name,
            ["lignePosteQuantite"] = line.Quantity,
            ["lignePosteUniteCode"] = null,
            ["lignePosteUniteLibelle"] = line.QuantityUnitCode,
            ["lignePosteMontantUnitaireHT"] = line.Price.NetPrice,
            ["lignePosteMontantRemiseHT"] = line.Allowances.Sum(a => a.Amount ?? 0m),
            ["lignePosteTauxTva"] = RateCode(line.VatRate),
            ["lignePosteTauxTvaManuel"] = line.VatRate,
            ["lignePosteMontantHtApresRemise"] = net,
            ["lignePosteMontantTva"] = vat,
            ["lignePosteMontantTtcApresRemise"] = net + vat,
        };
    }

    /// <summary>A VAT breakdown line (BG-23) in Chorus Pro's names; the rate's code is recuperer/tauxtva's.</summary>
    private static Dictionary<string, object?> VatLine(VatBreakdown v) => new()
    {
        ["ligneTvaTauxRefId"] = null,
        ["ligneTvaTauxRefCode"] = RateCode(v.Rate),
        ["ligneTvaTauxRefLibelle"] = v.Rate is { } rate ? $"{rate.ToString(CultureInfo.GetCultureInfo("fr-FR"))} %" : null,
        ["ligneTvaTauxRefValeur"] = v.Rate,
        ["ligneTvaTauxManuel"] = v.Rate,
        ["ligneTvaMontantBaseHtParTaux"] = v.TaxableAmount,
        ["ligneTvaMontantTvaParTaux"] = v.TaxAmount,
    };

    private static string? RateCode(decimal? rate) => rate is { } r ? ReferenceLists.VatRates.FirstOrDefault(x => x.Rate == r).Code : null;

    /// <summary>
    /// The totals kept with the invoice. A document-level allowance (BG-20) is net of VAT, not Chorus Pro's TTC discount: when an
    /// invoice has one, the TTC before it is not known and both are null, the reasons given as motifRemiseGlobaleTTC.
    /// </summary>
    private static Dictionary<string, object?> Totals(InvoiceDetail invoice, Formats.Model.Invoice? model)
    {
        var allowances = model?.Allowances.ToList() ?? [];
        return new()
        {
            ["montantHtTotal"] = invoice.MontantHt,
            ["montantTVA"] = invoice.MontantTva,
            ["montantTtcAvantRemiseGlobalTTC"] = allowances.Count == 0 ? invoice.MontantTtc : null,
            ["montantRemiseGlobaleTTC"] = allowances.Count == 0 ? 0m : null,
            ["motifRemiseGlobaleTTC"] = allowances.Count == 0 ? null : string.Join(" ; ", allowances.Select(a => a.Reason ?? a.ReasonCode).OfType<string>()),
            ["montantTtcTotal"] = invoice.MontantTtc,
            ["montantAPayer"] = invoice.MontantAPayer,
        };
    }

    private static Dictionary<string, object?> AttachmentItem(Attachment a, bool principal, bool english)
    {
        var type = principal ? AttachmentTypes.InvoiceImage : AttachmentTypes.Complementary;
        return new()
        {
            ["pieceJointeId"] = a.Id,
            ["pieceJointeDesignation"] = a.Name,
            ["pieceJointeExtension"] = Path.GetExtension(a.Name).TrimStart('.').ToUpperInvariant() is { Length: > 0 } ext ? ext : null,
            ["pieceJointeIdLiaison"] = null,
            ["pieceJointeNumeroLigneFacture"] = null,
            ["pieceJointeTypeCode"] = type.Code,
            ["pieceJointeTypeLibelle"] = type.Label(english),
        };
    }
}
