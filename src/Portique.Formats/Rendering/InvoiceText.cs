using System.Globalization;
using Portique.Formats.Model;

namespace Portique.Formats.Rendering;

/// <summary>
/// The wording and number formats shared by the HTML view and the PDF pages, so both say the same thing in the same language:
/// dates dd/mm/yyyy, amounts « 1 325,00 € » in French (« 1,325.00 € » in English), codes by their names.
/// </summary>
internal sealed class InvoiceText
{
    /// <summary>No-break space: an amount and its currency never split over two lines.</summary>
    private const string Nbsp = "\u00A0";

    private static readonly NumberFormatInfo FrenchNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = Nbsp, NegativeSign = "-" };
    private static readonly NumberFormatInfo EnglishNumbers = new() { NumberDecimalSeparator = ".", NumberGroupSeparator = ",", NegativeSign = "-" };

    private readonly NumberFormatInfo _numbers;

    public InvoiceText(RenderLanguage language)
    {
        Language = language;
        Words = Wording.For(language);
        _numbers = language == RenderLanguage.English ? EnglishNumbers : FrenchNumbers;
    }

    public static InvoiceText French { get; } = new(RenderLanguage.French);
    public static InvoiceText English { get; } = new(RenderLanguage.English);

    public static InvoiceText For(RenderLanguage language) => language == RenderLanguage.English ? English : French;

    public RenderLanguage Language { get; }
    public Wording Words { get; }

    /// <summary>
    /// An amount with at least two decimals and never fewer than the data has: a rendering must not round what the invoice says
    /// (a unit price of 33,333 stays 33,333). The currency follows, as « € » for euros.
    /// </summary>
    public string Amount(decimal? value, string? currency = null)
    {
        if (value is not { } v)
            return "";
        var text = v.ToString("N" + Math.Max(2, (int)v.Scale), _numbers);
        return currency is null ? text : $"{text}{Nbsp}{CurrencySymbol(currency)}";
    }

    /// <summary>A quantity or a plain number, with the decimals the data has.</summary>
    public string Number(decimal? value) => value is { } v ? v.ToString("N" + v.Scale, _numbers) : "";

    public string Percent(decimal? value) => value is null ? "" : Language == RenderLanguage.English ? $"{Number(value)}%" : $"{Number(value)}{Nbsp}%";

    public static string Date(DateOnly? value) => value?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Period(Period? period) => period is null
        ? ""
        : $"{Date(period.StartDate)} – {Date(period.EndDate)}".Trim(' ', '–');

    public static string CurrencySymbol(string currency) => string.Equals(currency.Trim(), "EUR", StringComparison.OrdinalIgnoreCase) ? "€" : currency.Trim();

    /// <summary>The document's title from its type code (UNTDID 1001): « Facture », « Avoir »…</summary>
    public string DocumentTitle(string? typeCode) =>
        CodeLabels.InvoiceTypes.Name(typeCode, Language)
        ?? (typeCode is null ? CodeLabels.InvoiceTypes.Name("380", Language)! : $"{CodeLabels.InvoiceTypes.Name("380", Language)} ({Words.Code} {typeCode})");

    /// <summary>A coded value by its name, the code beside it (« Virement (30) »); a code without a name as it is written.</summary>
    private string Named(CodeLabels.CodeList list, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
            return "";
        return list.Name(code, Language) is { } name ? $"{name} ({code.Trim()})" : code.Trim();
    }

    public string PaymentMeansName(string? code) => Named(CodeLabels.PaymentMeans, code);

    public string VatCategory(string? code) => Named(CodeLabels.VatCategories, code);

    public string AllowanceReason(string? code) => Named(CodeLabels.AllowanceReasons, code);

    /// <summary>The unit's name (« heure », « pièce »), or its code when the code list has no name for it.</summary>
    public string Unit(string? code) => string.IsNullOrWhiteSpace(code) ? "" : CodeLabels.Units.Name(code, Language) ?? code.Trim();

    public string Quantity(decimal? quantity, string? unitCode) => $"{Number(quantity)} {Unit(unitCode)}".Trim();

    /// <summary>A VAT category and its rate: « Taux normal (S) 20 % ».</summary>
    public string VatWithRate(string? category, decimal? rate) => $"{VatCategory(category)} {Percent(rate)}".Trim();

    /// <summary>« Remise » or « Frais », its reason and reason code by name: what a line or the document deducts or adds.</summary>
    public string AllowanceCharge(AllowanceCharge item)
    {
        var reasons = new[] { item.Reason, item.IsCharge ? item.ReasonCode : AllowanceReason(item.ReasonCode) }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList();
        var kind = item.IsCharge ? Words.Charge : Words.Allowance;
        return reasons.Count == 0 ? kind : $"{kind} : {string.Join(", ", reasons)}".Replace(" : ", Language == RenderLanguage.English ? ": " : $"{Nbsp}: ", StringComparison.Ordinal);
    }

    /// <summary>How a line or document allowance is computed, when the invoice says: « 10 % × 200,00 ».</summary>
    public string AllowanceBasis(AllowanceCharge item) =>
        string.Join(" × ", new[] { Percent(item.Percentage), Amount(item.BaseAmount) }.Where(s => s.Length > 0));

    /// <summary>A line's allowance or charge (BG-27, BG-28) says the same things as the document's, without VAT.</summary>
    public static AllowanceCharge Of(LineAllowanceCharge line) => new()
    {
        IsCharge = line.IsCharge, Amount = line.Amount, BaseAmount = line.BaseAmount, Percentage = line.Percentage, Reason = line.Reason, ReasonCode = line.ReasonCode,
    };

    /// <summary>A signed amount: allowances are deducted, charges added.</summary>
    public string SignedAmount(AllowanceCharge item, string? currency) =>
        item.Amount is { } amount ? Amount(item.IsCharge ? amount : -amount, currency) : "";

    /// <summary>« Label : value » with the French typographic space before the colon.</summary>
    public string LabelValue(string label, string value) => Language == RenderLanguage.English ? $"{label}: {value}" : $"{label}{Nbsp}: {value}";

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
    public IEnumerable<string> PartyLines(Party? party)
    {
        if (party is null)
            yield break;
        if (!string.IsNullOrWhiteSpace(party.TradingName) && party.TradingName != party.Name)
            yield return LabelValue(Words.TradingName, party.TradingName);
        foreach (var line in AddressLines(party.Address))
            yield return line;
        foreach (var id in party.Identifiers.Where(i => !string.IsNullOrWhiteSpace(i.Value)))
            yield return LabelValue(Words.Identifier, id.ToString());
        if (!string.IsNullOrWhiteSpace(party.LegalRegistrationId?.Value))
            yield return LabelValue(Words.LegalRegistration, party.LegalRegistrationId.ToString());
        if (!string.IsNullOrWhiteSpace(party.VatIdentifier))
            yield return LabelValue(Words.VatNumber, party.VatIdentifier);
        if (!string.IsNullOrWhiteSpace(party.TaxRegistrationIdentifier))
            yield return LabelValue(Words.TaxRegistration, party.TaxRegistrationIdentifier);
        if (!string.IsNullOrWhiteSpace(party.AdditionalLegalInformation))
            yield return party.AdditionalLegalInformation;
        if (!string.IsNullOrWhiteSpace(party.ElectronicAddress?.Value))
            yield return LabelValue(Words.ElectronicAddress, party.ElectronicAddress.ToString());
        if (party.Contact is { } contact)
        {
            var text = string.Join(", ", new[] { contact.Name, contact.Telephone, contact.Email }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (text.Length > 0)
                yield return LabelValue(Words.Contact, text);
        }
    }

    /// <summary>The details under a line's item name: description, identifiers, period, price details (its allowances and charges have rows of their own).</summary>
    public IEnumerable<string> LineDetails(InvoiceLine line)
    {
        var w = Words;
        var details = new List<string?>
        {
            line.Item.Description,
            line.ParentLineId is null ? null : LabelValue(w.SubLineOf, line.ParentLineId),
            line.Item.SellerId is null ? null : LabelValue(w.SellerItemId, line.Item.SellerId),
            line.Item.BuyerId is null ? null : LabelValue(w.BuyerItemId, line.Item.BuyerId),
            line.Item.StandardId?.Value is null ? null : LabelValue(w.StandardItemId, line.Item.StandardId.ToString()),
            line.Item.OriginCountryCode is null ? null : LabelValue(w.Origin, line.Item.OriginCountryCode),
            line.Note,
            line.Period is null ? null : LabelValue(w.Period, Period(line.Period)),
            line.OrderLineReference is null ? null : LabelValue(w.OrderLine, line.OrderLineReference),
            line.ObjectIdentifier?.Value is null ? null : LabelValue(w.LineObject, line.ObjectIdentifier.ToString()),
            line.BuyerAccountingReference is null ? null : LabelValue(w.BuyerAccounting, line.BuyerAccountingReference),
            line.Price.GrossPrice is null ? null : LabelValue(w.GrossPrice, $"{Amount(line.Price.GrossPrice)}, {w.PriceDiscount} {Amount(line.Price.Discount)}".TrimEnd(' ', ',')),
            line.Price.BaseQuantity is null ? null : LabelValue(w.PricePer, Quantity(line.Price.BaseQuantity, line.Price.BaseQuantityUnitCode)),
        };
        details.AddRange(line.Item.Classifications.Select(c =>
            LabelValue($"{w.Classification} {string.Join(" ", new[] { c.SchemeId, c.SchemeVersion }.Where(s => !string.IsNullOrWhiteSpace(s)))}".Trim(), c.Code ?? "")));
        details.AddRange(line.Item.Attributes.Select(a => LabelValue(a.Name ?? "", a.Value ?? "")));
        return details.Where(d => !string.IsNullOrWhiteSpace(d))!;
    }
}
