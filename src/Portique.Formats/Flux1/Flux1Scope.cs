using Portique.Formats.Model;

namespace Portique.Formats.Flux1;

/// <summary>The two Flux 1 profiles: Base (trajectory DEMARRAGE) and Full (trajectory CIBLE, adds lines, allowances, delivery).</summary>
public enum Flux1Profile { Base, Full }

/// <summary>Why an invoice has no Flux 1: a stable code and a French sentence for the user.</summary>
public sealed record Flux1Exclusion(string Code, string Message);

/// <summary>
/// Decides whether an invoice is a domestic B2B invoice, the only kind that has a Flux 1 (spec b2b-reform §3): B2C and
/// international invoices go to e-reporting (Flux 10) instead. The BAR note (BT-21 "BAR") is trusted first, then the parties:
/// both established in France (country of the address, else of the VAT number) and a buyer identified by a SIREN.
/// </summary>
public static class Flux1Scope
{
    public const string B2c = "FLUX1-B2C";
    public const string International = "FLUX1-INTERNATIONAL";
    public const string OutOfScope = "FLUX1-HORS-CHAMP";

    public static Flux1Exclusion? Exclusion(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var bar = invoice.Notes.FirstOrDefault(n => string.Equals(n.SubjectCode?.Trim(), "BAR", StringComparison.OrdinalIgnoreCase))?.Text?.Trim().ToUpperInvariant();
        switch (bar)
        {
            case "B2C":
                return new(B2c, "La facture est déclarée B2C (note BAR) : une vente à un non-assujetti relève de l'e-reporting (Flux 10), pas du Flux 1.");
            case "B2BINT":
                return new(International, "La facture est déclarée B2B international (note BAR) : elle relève de l'e-reporting (Flux 10), pas du Flux 1.");
            case "OUTOFSCOPE":
                return new(OutOfScope, "La facture est déclarée hors du champ de la réforme (note BAR OUTOFSCOPE) : elle n'a pas de Flux 1.");
        }
        var seller = Country(invoice.Seller);
        if (seller != "FR")
            return new(International, $"Le vendeur n'est pas établi en France (pays {seller ?? "inconnu"}) : la facture relève de l'e-reporting (Flux 10), pas du Flux 1.");
        var buyer = Country(invoice.Buyer);
        if (buyer != "FR")
            return new(International, $"L'acheteur n'est pas établi en France (pays {buyer ?? "inconnu"}) : la facture relève de l'e-reporting (Flux 10), pas du Flux 1.");
        if (Siren(invoice.Buyer) is null)
            return new(B2c, "L'acheteur n'est identifié par aucun SIREN (BT-47) : une vente à un particulier relève de l'e-reporting (Flux 10), pas du Flux 1.");
        return null;
    }

    /// <summary>The party's country: the address (BT-40/BT-55), else the prefix of its VAT number (BT-31/BT-48).</summary>
    public static string? Country(Party party)
    {
        var code = party.Address?.CountryCode?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(code))
            return code;
        var vat = party.VatIdentifier?.Trim();
        return vat is { Length: > 2 } && char.IsAsciiLetter(vat[0]) && char.IsAsciiLetter(vat[1]) ? vat[..2].ToUpperInvariant() : null;
    }

    /// <summary>
    /// The party's SIREN: its legal registration (0002, or a SIRET 0009 whose first nine digits are the SIREN, BR-FR-09), else an
    /// identifier with those schemes, else the nine digits of a French VAT number (FR + key + SIREN). Null when none is found.
    /// </summary>
    public static string? Siren(Party party)
    {
        foreach (var id in new[] { party.LegalRegistrationId }.Concat(party.Identifiers).Append(party.ElectronicAddress))
        {
            var value = id?.Value?.Trim();
            if (value is null)
                continue;
            if ((id!.SchemeId is "0002" || (id.SchemeId is null && ReferenceEquals(id, party.LegalRegistrationId))) && IsDigits(value, 9))
                return value;
            if (id.SchemeId is "0009" && IsDigits(value, 14))
                return value[..9];
        }
        var vat = party.VatIdentifier?.Trim();
        return vat is { Length: 13 } && vat.StartsWith("FR", StringComparison.OrdinalIgnoreCase) && IsDigits(vat[4..], 9) ? vat[4..] : null;
    }

    private static bool IsDigits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);
}
