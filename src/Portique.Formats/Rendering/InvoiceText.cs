using System.Globalization;
using Portique.Formats.Model;

namespace Portique.Formats.Rendering;

/// <summary>Plain-text wording shared by the HTML view and the Factur-X visual page, so both say the same thing.</summary>
internal static class InvoiceText
{
    /// <summary>Amounts are shown exactly as written (same scale, invariant digits): a rendering must not round what the data says.</summary>
    public static string Amount(decimal? value, string? currency = null) =>
        value is null ? "" : currency is null ? Number(value) : $"{Number(value)} {currency}";

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Percent(decimal? value) => value is null ? "" : $"{Number(value)} %";

    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Period(Period? period) => period is null
        ? ""
        : $"{Date(period.StartDate)} – {Date(period.EndDate)}".Trim(' ', '–');

    /// <summary>UNTDID 1001 document names for the codes EN 16931 invoices use.</summary>
    public static string DocumentTitle(string? typeCode) => typeCode switch
    {
        "381" => "Credit note",
        "261" or "262" => "Self-billed credit note",
        "383" => "Debit note",
        "384" => "Corrected invoice",
        "386" => "Prepayment invoice",
        "389" => "Self-billed invoice",
        "326" => "Partial invoice",
        "751" => "Invoice information",
        _ => "Invoice",
    };

    /// <summary>UNTDID 4461 names of the usual payment means.</summary>
    public static string PaymentMeansName(string? code) => code switch
    {
        "10" => "Cash",
        "20" => "Cheque",
        "30" => "Credit transfer",
        "31" => "Debit transfer",
        "42" => "Payment to bank account",
        "48" => "Bank card",
        "49" => "Direct debit",
        "54" => "Credit card",
        "55" => "Debit card",
        "57" => "Standing agreement",
        "58" => "SEPA credit transfer",
        "59" => "SEPA direct debit",
        "97" => "Clearing between partners",
        null => "",
        _ => $"Code {code}",
    };

    /// <summary>The lines of a postal address, skipping what is missing.</summary>
    public static IEnumerable<string> AddressLines(Address? address)
    {
        if (address is null)
            yield break;
        foreach (var line in new[] { address.Line1, address.Line2, address.Line3 })
        {
            if (!string.IsNullOrWhiteSpace(line))
                yield return line;
        }
        var city = string.Join(" ", new[] { address.PostCode, address.City }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (city.Length > 0)
            yield return city;
        var region = string.Join(", ", new[] { address.Subdivision, address.CountryCode }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (region.Length > 0)
            yield return region;
    }

    /// <summary>The identifying lines of a party: names, identifiers, VAT number, address, contact.</summary>
    public static IEnumerable<string> PartyLines(Party? party)
    {
        if (party is null)
            yield break;
        if (!string.IsNullOrWhiteSpace(party.TradingName) && party.TradingName != party.Name)
            yield return $"Trading name: {party.TradingName}";
        foreach (var line in AddressLines(party.Address))
            yield return line;
        foreach (var id in party.Identifiers.Where(i => !string.IsNullOrWhiteSpace(i.Value)))
            yield return $"Identifier: {id}";
        if (!string.IsNullOrWhiteSpace(party.LegalRegistrationId?.Value))
            yield return $"Legal registration: {party.LegalRegistrationId}";
        if (!string.IsNullOrWhiteSpace(party.VatIdentifier))
            yield return $"VAT: {party.VatIdentifier}";
        if (!string.IsNullOrWhiteSpace(party.TaxRegistrationIdentifier))
            yield return $"Tax registration: {party.TaxRegistrationIdentifier}";
        if (!string.IsNullOrWhiteSpace(party.AdditionalLegalInformation))
            yield return party.AdditionalLegalInformation;
        if (!string.IsNullOrWhiteSpace(party.ElectronicAddress?.Value))
            yield return $"Electronic address: {party.ElectronicAddress}";
        if (party.Contact is { } contact)
        {
            var parts = new[] { contact.Name, contact.Telephone, contact.Email }.Where(s => !string.IsNullOrWhiteSpace(s));
            var text = string.Join(", ", parts);
            if (text.Length > 0)
                yield return $"Contact: {text}";
        }
    }
}
