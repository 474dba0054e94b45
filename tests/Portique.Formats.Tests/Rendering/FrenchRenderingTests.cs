using System.Collections.Frozen;
using System.Net;
using System.Text.RegularExpressions;
using Portique.Formats.Model;
using Portique.Formats.Rendering;
using Portique.Formats.Rules.En16931;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace Portique.Formats.Tests.Rendering;

/// <summary>
/// Issue 17 point 4: the renderings in French (English on request), dates dd/mm/yyyy, amounts « 1 325,00 € », codes by their
/// names, line allowances and charges visible, and a PDF that cuts nothing and continues long tables on the next pages.
/// </summary>
public sealed partial class FrenchRenderingTests
{
    /// <summary>English words that leaked into French renderings before (issue 17), checked as whole words.</summary>
    public static readonly string[] EnglishLeaks =
        ["Invoice", "Seller", "Buyer", "Quantity", "Net price", "Amount due", "Total with VAT", "VAT breakdown", "Payment means", "Lines", "Issue date", "Due date", "is required"];

    public static TheoryData<string> Examples => InvoiceHtmlTests.Examples;

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_french_html_and_pdf_of_every_example_speak_french(string file)
    {
        var source = TestData.Bytes(file);
        var invoice = InvoiceXml.Read(source).Invoice!;
        // The examples' own data is in English ("Seller company"): only words the data does not hold are the rendering's.
        var data = System.Text.Encoding.UTF8.GetString(source);

        var html = Text(InvoiceEngine.RenderHtml(invoice));
        var pdf = PdfText(InvoiceEngine.RenderPdf(invoice));

        foreach (var text in new[] { html, pdf })
        {
            foreach (var leak in EnglishLeaks.Where(l => !data.Contains(l, StringComparison.OrdinalIgnoreCase)))
                Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(leak)}\b"), $"« {leak} » in the French rendering of {file}");
            Assert.Contains("Vendeur", text, StringComparison.Ordinal);
            Assert.Contains("Net à payer", text, StringComparison.Ordinal);
        }
        Assert.Contains("lang=\"fr\"", InvoiceEngine.RenderHtml(invoice), StringComparison.Ordinal);
        if (invoice.IssueDate is { } issued)
            Assert.Contains(issued.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
    }

    [Fact]
    public void English_is_there_when_asked_for()
    {
        var invoice = Sample();

        var html = Text(InvoiceEngine.RenderHtml(invoice, RenderLanguage.English));
        var pdf = PdfText(InvoiceEngine.RenderPdf(invoice, RenderLanguage.English));

        Assert.Contains("lang=\"en\"", InvoiceEngine.RenderHtml(invoice, RenderLanguage.English), StringComparison.Ordinal);
        foreach (var text in new[] { html, pdf })
        {
            Assert.Contains("Seller", text, StringComparison.Ordinal);
            Assert.Contains("Amount due", text, StringComparison.Ordinal);
            Assert.Contains("1,325.00 €", text, StringComparison.Ordinal);
            Assert.Contains("hour", text, StringComparison.Ordinal);
            Assert.Contains("SEPA credit transfer", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Vendeur", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dates_amounts_and_codes_read_the_french_way_in_html_and_pdf()
    {
        var invoice = Sample();

        var html = Text(InvoiceEngine.RenderHtml(invoice));
        var pdf = PdfText(InvoiceEngine.RenderPdf(invoice));

        foreach (var text in new[] { html, pdf })
        {
            Assert.Contains("Avoir FA-2026-0042", text, StringComparison.Ordinal);          // UNTDID 1001: 381
            Assert.Contains("05/03/2026", text, StringComparison.Ordinal);                   // issue date
            Assert.Contains("04/04/2026", text, StringComparison.Ordinal);                   // due date
            Assert.Contains("1 325,00 €", text, StringComparison.Ordinal);                   // amount due, grouped, comma, euro sign
            Assert.Contains("12,5 heure", text, StringComparison.Ordinal);                   // Rec 20 HUR, quantity as written
            Assert.Contains("33,333", text, StringComparison.Ordinal);                       // a unit price is never rounded
            Assert.Contains("Taux normal (S) 20 %", text, StringComparison.Ordinal);         // UNTDID 5305
            Assert.Contains("Virement SEPA (58)", text, StringComparison.Ordinal);           // UNTDID 4461
            Assert.Contains("Remise : Remise fidélité, Remise (95)", text, StringComparison.Ordinal); // line allowance, UNTDID 5189
            Assert.Contains("-25,00", text, StringComparison.Ordinal);                       // its amount, deducted
            Assert.Contains("Frais : Transport", text, StringComparison.Ordinal);            // line charge
        }
    }

    [Fact]
    public void A_long_pdf_continues_on_the_next_pages_and_cuts_nothing()
    {
        var invoice = Sample();
        var longWord = "Référence-" + new string('X', 180) + "-fin";
        invoice.Lines = Enumerable.Range(1, 150).Select(i => new InvoiceLine
        {
            Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Item = new Item { Name = $"Article numéro {i} au nom particulièrement long pour tenir sur plusieurs lignes de la colonne désignation", Description = i == 75 ? longWord : null },
            Quantity = 1m, QuantityUnitCode = "C62", Price = new PriceDetails { NetPrice = 10m }, NetAmount = 10m, VatCategoryCode = "S", VatRate = 20m,
        }).ToList();

        using var document = PigDocument.Open(InvoiceEngine.RenderPdf(invoice));

        var pages = document.GetPages().ToList();
        Assert.True(pages.Count >= 4, $"{pages.Count} page(s) for 150 wrapped lines");
        var all = Compact(string.Concat(pages.Select(p => p.Text)));
        // The item column (5 % to 41 % of the 515 pt between the margins), read line by line down the pages: every name whole.
        var items = string.Concat(pages.SelectMany(p => p.Letters.Where(l => l.StartBaseLine.X >= 40 + 25 && l.StartBaseLine.X < 40 + 211)
            .OrderByDescending(l => Math.Round(l.StartBaseLine.Y, 1)).ThenBy(l => l.StartBaseLine.X)).Select(l => l.Value));
        items = Compact(items);
        for (var i = 1; i <= 150; i++)
            Assert.Contains(Compact($"Article numéro {i} au nom particulièrement long pour tenir sur plusieurs lignes de la colonne désignation"), items, StringComparison.Ordinal);
        Assert.Contains(Compact(longWord), items, StringComparison.Ordinal);
        Assert.DoesNotContain("…", all, StringComparison.Ordinal);
        // Every page that holds lines repeats the table's header; every page is numbered.
        for (var p = 0; p < pages.Count; p++)
        {
            Assert.Contains($"Page{p + 1}/{pages.Count}", Compact(pages[p].Text), StringComparison.Ordinal);
            if (p > 0 && Compact(pages[p].Text).Contains("Articlenuméro", StringComparison.Ordinal))
                Assert.Contains("Désignation", pages[p].Text, StringComparison.Ordinal);
        }
        // Nothing is drawn outside the page.
        foreach (var page in pages)
            Assert.All(page.Letters, l => Assert.True(l.BoundingBox.Left >= 0 && l.BoundingBox.Right <= page.Width && l.BoundingBox.Bottom >= 0, $"« {l.Value} » outside page {page.Number}"));
    }

    [Fact]
    public void Every_named_code_is_a_code_of_its_list()
    {
        Assert.True(CodeLabels.Units.Count > 50);
        foreach (var (list, known) in new[]
                 {
                     (CodeLabels.VatCategories, CodeLists.VatCategories), (CodeLabels.PaymentMeans, CodeLists.PaymentMeans),
                     (CodeLabels.AllowanceReasons, CodeLists.AllowanceReasons),
                     (CodeLabels.InvoiceTypes, CodeLists.InvoiceTypeCodes.Union(CodeLists.CreditNoteTypeCodes).ToFrozenSet()),
                 })
        {
            foreach (var code in known)
            {
                // Names exist only for real codes: a name for a code outside the list would be invented.
                if (list.Name(code, RenderLanguage.French) is not null)
                    Assert.NotNull(list.Name(code, RenderLanguage.English));
            }
        }
        foreach (var code in UnitCodesWithNames())
            Assert.True(UnitCodes.IsKnown(code), $"unit {code} is not a Recommendation 20/21 code");
    }

    private static IEnumerable<string> UnitCodesWithNames()
    {
        using var stream = typeof(InvoiceEngine).Assembly.GetManifestResourceStream("Portique.CodeLists/units.tsv")!;
        using var reader = new StreamReader(stream);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length > 0 && !line.StartsWith('#'))
                yield return line.Split('\t')[0];
        }
    }

    /// <summary>A credit note with what the issue lists: dates, a four-figure amount, coded units, VAT, payment means, line allowances and charges.</summary>
    internal static Invoice Sample() => new()
    {
        Number = "FA-2026-0042", TypeCode = "381", CurrencyCode = "EUR", IssueDate = new DateOnly(2026, 3, 5), PaymentDueDate = new DateOnly(2026, 4, 4),
        Seller = new Party { Name = "Menuiserie Durand", VatIdentifier = "FR12345678901", Address = new Address { Line1 = "3 rue des Lilas", PostCode = "69001", City = "Lyon", CountryCode = "FR" } },
        Buyer = new Party { Name = "Mairie de Villeneuve", Identifiers = [new Identifier("21690123400018", "0009")] },
        Lines =
        [
            new InvoiceLine
            {
                Id = "1", Item = new Item { Name = "Pose de fenêtres" }, Quantity = 12.5m, QuantityUnitCode = "HUR", Price = new PriceDetails { NetPrice = 33.333m },
                NetAmount = 416.66m, VatCategoryCode = "S", VatRate = 20m,
                AllowanceCharges = [new LineAllowanceCharge { Amount = 25m, Reason = "Remise fidélité", ReasonCode = "95" }, new LineAllowanceCharge { IsCharge = true, Amount = 12m, Reason = "Transport" }],
            },
            new InvoiceLine
            {
                Id = "2", Item = new Item { Name = "Fenêtres double vitrage" }, Quantity = 4m, QuantityUnitCode = "H87", Price = new PriceDetails { NetPrice = 172.835m },
                NetAmount = 691.34m, VatCategoryCode = "S", VatRate = 20m,
            },
        ],
        VatBreakdown = [new VatBreakdown { CategoryCode = "S", Rate = 20m, TaxableAmount = 1104.17m, TaxAmount = 220.83m }],
        Totals = new DocumentTotals { LineNetTotal = 1104.17m, TaxExclusiveAmount = 1104.17m, VatTotal = 220.83m, TaxInclusiveAmount = 1325.00m, PayableAmount = 1325.00m },
        PaymentMeans = [new PaymentMeans { TypeCode = "58", CreditTransfer = new CreditTransfer { AccountIdentifier = "FR7630004000050001234567890" } }],
    };

    /// <summary>The text a reader sees in the HTML: tags dropped, entities decoded, no-break spaces as spaces.</summary>
    internal static string Text(string html) =>
        WhitespacePattern().Replace(WebUtility.HtmlDecode(TagPattern().Replace(html, " ")).Replace('\u00A0', ' '), " ");

    internal static string PdfText(byte[] pdf)
    {
        using var document = PigDocument.Open(pdf);
        // Words joined by spaces: PdfPig's page text loses the spaces between drawn strings.
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)).Replace('\u00A0', ' ');
    }

    private static string Compact(string text) => WhitespacePattern().Replace(text, "");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
