using System.Xml;

namespace Portique.Formats.Rules.En16931;

/// <summary>
/// UBL rules the artefacts test on the document as written, where the model cannot tell an empty element from an absent
/// one: code lists whose context matches anywhere (BR-CL-05 on cbc:TaxCurrencyCode, BR-CL-06 on
/// cac:InvoicePeriod/cbc:DescriptionCode, BR-CL-24 on @mimeCode, BR-CL-25 on cbc:EndpointID/@schemeID, an empty value
/// failing the list), BR-53 (every VAT accounting currency has a total VAT amount in it), BR-52 and BR-55 (existence of
/// the reference), BR-CO-14 (each cac:TaxTotal against its own subtotals, so a second VAT total in the accounting
/// currency with its own breakdown is judged on its own). The model rules of these ids stand aside (<see cref="SourceFacts.JudgedOnSource"/>).
/// </summary>
internal static partial class UblSyntaxRules
{
    // BR-66 (at most one payment card) has no assert of its own in the UBL artefacts: UBL-SR-54 is its binding.
    private static readonly string[] UblJudgedOnSource = ["BR-66", "BR-52", "BR-55", "BR-53", "BR-CO-14", "BR-CL-05", "BR-CL-06", "BR-CL-14", "BR-CL-24", "BR-CL-25"];

    private static string Normalized(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed partial class Scan
    {
        private int captureDepth = -1;
        private string captured = "";
        private string capturePath = "";
        private readonly List<string> taxCurrencies = [];
        private readonly List<string> taxAmountCurrencies = [];
        private string? taxTotalAmount, taxTotalPath;
        private decimal subtotalSum;
        private int subtotalCount;
        private bool subtotalUnreadable;

        private void OpenOnSource(XmlReader r, string name, int d)
        {
            if (name is "InvoicedQuantity" or "CreditedQuantity" && d == 2 && At(1) is "InvoiceLine" or "CreditNoteLine")
            {
                Facts.LinesWithQuantity.Add(currentTop);
            }
            if (name == "IdentificationCode" && d == 5 && At(4) == "Country" && At(3) == "Address" && At(2) == "DeliveryLocation" && At(1) == "Delivery")
            {
                Facts.DeliverToCountryWritten = true;
            }
            if (name == "TaxTotal" && d == 1)
            {
                (taxTotalAmount, taxTotalPath, subtotalSum, subtotalCount, subtotalUnreadable) = (null, PathOf(d), 0m, 0, false);
            }
            if (name == "TaxSubtotal" && d == 2 && At(1) == "TaxTotal") subtotalCount++;
            if (name == "TaxCurrencyCode" || name == "DescriptionCode" && At(d - 1) == "InvoicePeriod" || name == "IdentificationCode" && At(d - 1) == "Country"
                || name == "TaxAmount" && At(1) == "TaxTotal" && (d == 2 || d == 3 && At(2) == "TaxSubtotal"))
            {
                captureDepth = d;
                captured = "";
                capturePath = PathOf(d);
            }
            if (name == "TaxAmount" && At(d - 1) == "TaxTotal")
            {
                taxAmountCurrencies.Add(r.GetAttribute("currencyID") ?? "\0");
            }
            if (name == "EmbeddedDocumentBinaryObject" && r.GetAttribute("mimeCode") is { } mime && !CodeLists.MimeCodes.Contains(Normalized(mime)))
            {
                c.Fatal("BR-CL-24", PathOf(d), "BT-125-1", $"The attachment MIME code '{mime}' (BT-125-1) is not one EN 16931 allows.");
            }
            if (name == "EndpointID" && r.GetAttribute("schemeID") is { } scheme && !CodeLists.ElectronicAddressSchemes.Contains(Normalized(scheme)))
            {
                c.Fatal("BR-CL-25", PathOf(d), "BT-34-1", $"The electronic address scheme '{scheme}' is not in the CEF EAS list.");
            }
        }

        private void CloseOnSource(int d)
        {
            if (d == 1 && At(1) == "TaxTotal")
            {
                TaxTotalClosed();
            }
            if (captureDepth != d)
            {
                return;
            }
            captureDepth = -1;
            var value = Normalized(captured);
            if (At(d) == "TaxAmount")
            {
                if (d == 2) taxTotalAmount ??= captured;
                else if (TryDecimal(captured, out var amount)) subtotalSum += amount;
                else subtotalUnreadable = true;
            }
            else if (At(d) == "IdentificationCode")
            {
                if (!CodeLists.Countries.Contains(value))
                    c.Fatal("BR-CL-14", capturePath, null, $"The country code '{captured}' is not in ISO 3166-1.");
            }
            else if (At(d) == "TaxCurrencyCode")
            {
                taxCurrencies.Add(captured);
                if (!CodeLists.Currencies.Contains(value))
                    c.Fatal("BR-CL-05", capturePath, "BT-6", $"The VAT accounting currency code '{captured}' (BT-6) is not in ISO 4217.");
            }
            else if (!CodeLists.UblVatPointDateCodes.Contains(value))
            {
                c.Fatal("BR-CL-06", capturePath, "BT-8", $"The VAT point date code '{captured}' (BT-8) is not in UNTDID 2005 (3, 35, 432).");
            }
        }

        /// <summary>BR-CO-14: TaxAmount = round(Σ TaxSubtotal/TaxAmount × 100) div 100, or the total has no subtotal.</summary>
        private void TaxTotalClosed()
        {
            if (subtotalCount == 0 || subtotalUnreadable)
            {
                return;
            }
            // Without its own cbc:TaxAmount the comparison is with an empty sequence: false, so the rule fails.
            var total = 0m;
            var readable = taxTotalAmount is not null && TryDecimal(taxTotalAmount, out total);
            if (taxTotalAmount is not null && !readable)
            {
                return;
            }
            var rounded = decimal.Floor(subtotalSum * 100m + 0.5m) / 100m;
            if (!readable || total != rounded)
            {
                c.Fatal("BR-CO-14", taxTotalPath!, "BT-110", $"The total VAT amount (BT-110 = {total}) differs from the sum of its VAT breakdown amounts ({rounded}).");
            }
        }

        private static bool TryDecimal(string value, out decimal result) =>
            decimal.TryParse(value.Trim(), System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
                System.Globalization.CultureInfo.InvariantCulture, out result);

        /// <summary>BR-53: every cbc:TaxCurrencyCode, as written, has a cac:TaxTotal/cbc:TaxAmount with that currencyID.</summary>
        private void FinishOnSource()
        {
            foreach (var currency in taxCurrencies)
            {
                if (!taxAmountCurrencies.Contains(currency))
                {
                    c.Fatal("BR-53", root, "BT-111", "A VAT accounting currency (BT-6) is given but not the total VAT amount in that currency (BT-111).");
                    return;
                }
            }
        }
    }
}
