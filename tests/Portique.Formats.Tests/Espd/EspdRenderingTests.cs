using Portique.Formats.Espd;
using Portique.Formats.Rendering;
using UglyToad.PdfPig;

namespace Portique.Formats.Tests.Espd;

/// <summary>The readable renderings: French by default, every criterion and answer shown, content from outside encoded.</summary>
public sealed class EspdRenderingTests
{
    [Fact]
    public void The_html_of_a_response_is_french_and_shows_each_criterion_with_its_answers()
    {
        var document = EspdEngine.Read(TestData.Bytes(EspdCorpus.Response4)).Document!;

        var html = System.Net.WebUtility.HtmlDecode(EspdEngine.RenderHtml(document));

        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Document unique de marché européen (DUME) — réponse", html, StringComparison.Ordinal);
        Assert.Contains("Participation à une organisation criminelle", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Oui</dd>", html, StringComparison.Ordinal);
        Assert.Contains("09/12/2025", html, StringComparison.Ordinal);
        Assert.Equal(document.Criteria.Count, CountOf(html, "<section>") - 3);
    }

    [Fact]
    public void The_html_is_english_on_request()
    {
        var document = EspdEngine.Read(TestData.Bytes(EspdCorpus.Request4)).Document!;

        var html = System.Net.WebUtility.HtmlDecode(EspdEngine.RenderHtml(document, RenderLanguage.English));

        Assert.Contains("European Single Procurement Document (ESPD) — request", html, StringComparison.Ordinal);
        Assert.Contains("Participation in a criminal organisation", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_document_is_encoded()
    {
        var xml = EspdCorpus.Replace(EspdCorpus.Request4, "Description of Project.", "<script>alert(1)</script>".Replace("<", "&lt;", StringComparison.Ordinal));
        var document = EspdEngine.Read(xml).Document!;

        var html = EspdEngine.RenderHtml(document);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pdf_holds_the_same_words_on_numbered_pages()
    {
        var document = EspdEngine.Read(TestData.Bytes(EspdCorpus.Response4)).Document!;

        var pdf = EspdEngine.RenderPdf(document);

        using var read = PdfDocument.Open(pdf);
        Assert.True(read.NumberOfPages > 1);
        var text = string.Join("\n", read.GetPages().Select(p => p.Text));
        Assert.Contains("Document unique de marché européen (DUME)", text, StringComparison.Ordinal);
        Assert.Contains("Corruption", text, StringComparison.Ordinal);
        Assert.Contains($"Page {read.NumberOfPages} / {read.NumberOfPages}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_past_the_rendering_budget_is_refused_with_a_finding()
    {
        var document = EspdEngine.Read(TestData.Bytes(EspdCorpus.Response4)).Document!;

        var refused = Assert.Throws<EspdFormatException>(() => EspdEngine.RenderPdf(document, maxCharacters: 10_000));

        var finding = Assert.Single(refused.Findings);
        Assert.Equal(EspdRules.TooLargeToRender, finding.Rule);
        Assert.Matches(@"^Le DUME contient plus de 10\s000 caractères de texte", finding.Message);
        Assert.Throws<EspdFormatException>(() => EspdEngine.RenderHtml(document, maxCharacters: 10_000));
    }

    [Fact]
    public void A_word_of_half_a_million_characters_is_broken_over_lines_not_cut()
    {
        var word = string.Concat(Enumerable.Repeat("ABCDEFGHIJ", 50_000));
        var xml = EspdCorpus.Replace(EspdCorpus.Request4, "Description of Project.", word);
        var document = EspdEngine.Read(xml).Document!;

        var pdf = EspdEngine.RenderPdf(document);

        using var read = PdfDocument.Open(pdf);
        // The pieces, in page order, without the page numbers and the other rows between them.
        var pieces = read.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).Where(t => t.Length > 0 && t.All(c => c is >= 'A' and <= 'J'));
        Assert.StartsWith(word, string.Concat(pieces), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
