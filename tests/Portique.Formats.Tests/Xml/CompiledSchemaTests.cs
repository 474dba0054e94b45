using System.Text;

namespace Portique.Formats.Tests.Xml;

/// <summary>
/// The compiled schema checker (Xml/Compiled, decision 0027) is only a faster road to the framework validator's verdict:
/// on every invoice of the test data both roads give the same findings and the same invoice, and the checker never
/// vouches for a document the framework's validator rejects.
/// </summary>
public sealed class CompiledSchemaTests
{
    private const string Ubl = "examples/en16931/ubl/ubl-tc434-example1.xml";
    private const string Cii = "examples/en16931/cii/CII_business_example_01.xml";

    public static TheoryData<string> AllXml => Corpus.Paths(Corpus.XmlFiles);

    [Theory]
    [MemberData(nameof(AllXml))]
    public void Both_roads_give_the_same_findings_and_the_same_invoice(string path) => AssertSameRoads(TestData.Bytes(path), path);

    [Fact]
    public void The_fast_road_takes_most_valid_invoices()
    {
        var valid = Corpus.ValidXmlFiles.Select(r => r["path"]).Where(p => InvoiceXml.Read(TestData.Bytes(p)).Findings.Count == 0).ToList();
        var fallback = valid.Where(p => InvoiceXml.TryCompiled(TestData.Bytes(p)) is null).Select(p => $"{p} ({InvoiceXml.FallbackReason})").ToList();
        // Documents with UBL extensions (a lax wildcard) and the like are left to the framework: a handful, not the rule.
        Assert.True(fallback.Count * 10 <= valid.Count, $"{fallback.Count} of {valid.Count} schema-valid invoices fell back: {string.Join(", ", fallback.Take(20))}");
    }

    public static TheoryData<string, string, string> Mutations => new()
    {
        { Ubl, "</cbc:IssueDate>", "</cbc:IssueDate><cbc:Bogus>1</cbc:Bogus>" },                     // unknown element
        { Ubl, "<cbc:IssueDate>2015-01-09</cbc:IssueDate>", "" },                                       // required element missing
        { Ubl, "<cbc:IssueDate>2015-01-09</cbc:IssueDate>", "<cbc:IssueDate>13/11/2017</cbc:IssueDate>" }, // bad date
        { Ubl, "currencyID=\"EUR\"", "currencyID=\"EUR\" bogus=\"1\"" },                               // unknown attribute
        { Ubl, "<cbc:PayableAmount currencyID=\"EUR\">", "<cbc:PayableAmount>" },                      // required attribute missing
        { Ubl, "<cbc:PayableAmount currencyID=\"EUR\">", "<cbc:PayableAmount currencyID=\"EUR\">abc" }, // not a decimal
        { Ubl, "<cbc:IssueDate>", "<cbc:IssueDate xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\">" },
        { Ubl, "</cac:AccountingSupplierParty>", "</cac:AccountingSupplierParty><cac:AccountingSupplierParty/>" }, // repeated
        { Ubl, "<cbc:Note>", "<cbc:Note><cbc:ID>x</cbc:ID>" },                                          // child in text content
        { Ubl, "<cac:AccountingSupplierParty>", "<cac:AccountingSupplierParty>text" },                 // text in element content
        { Cii, "<ram:ID>", "<ram:Bogus/><ram:ID>" },
        { Cii, "</rsm:ExchangedDocument>", "</rsm:ExchangedDocument><rsm:ExchangedDocument/>" },
        { Cii, "format=\"102\"", "format=\"102\" unknown=\"1\"" },
        { Cii, "<ram:LineTotalAmount>", "<ram:LineTotalAmount>1e3" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void A_schema_error_is_left_to_the_framework_validator(string path, string find, string replace)
    {
        var text = File.ReadAllText(TestData.PathOf(path));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var mutated = Encoding.UTF8.GetBytes(ReplaceFirst(text, find, replace));
        Assert.Null(InvoiceXml.TryCompiled(mutated));
        Assert.Contains(InvoiceXml.Read(mutated).Findings, f => f.Rule == "XSD");
        AssertSameRoads(mutated, path);
    }

    public static TheoryData<string, string, string> Harmless => new()
    {
        { Ubl, "<cbc:Note>", "<cbc:Note>   " },                     // spaces kept in text
        { Ubl, "<cac:AccountingSupplierParty>", "<cac:AccountingSupplierParty>\n\t  " },
        { Cii, "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode> 380 </ram:TypeCode>" },
        { Ubl, "<cbc:IssueDate>", "<!-- date --><cbc:IssueDate>" },
    };

    [Theory]
    [MemberData(nameof(Harmless))]
    public void Whitespace_and_comments_reach_the_invoice_as_through_the_framework(string path, string find, string replace)
    {
        var text = File.ReadAllText(TestData.PathOf(path));
        Assert.Contains(find, text, StringComparison.Ordinal);
        AssertSameRoads(Encoding.UTF8.GetBytes(ReplaceFirst(text, find, replace)), path);
    }

    private static void AssertSameRoads(byte[] xml, string path)
    {
        var fast = InvoiceXml.Read(xml, null, validateSchema: true, schemasDirectory: null, compiledSchemas: true);
        var framework = InvoiceXml.Read(xml, null, validateSchema: true, schemasDirectory: null, compiledSchemas: false);
        Assert.Equal(framework.Syntax, fast.Syntax);
        Assert.Equal(framework.Findings.Select(f => f.ToString()), fast.Findings.Select(f => f.ToString()));
        Assert.Equal(framework.Invoice is null, fast.Invoice is null);
        if (framework.Invoice is not null)
            Assert.True(InvoiceXml.Write(framework.Invoice, InvoiceSyntax.Cii).AsSpan().SequenceEqual(InvoiceXml.Write(fast.Invoice!, InvoiceSyntax.Cii)), $"{path}: the two roads built different invoices");
        // Whatever the fast road vouched for, the framework's validator accepts.
        if (InvoiceXml.TryCompiled(xml) is not null)
            Assert.DoesNotContain(framework.Findings, f => f.Rule == "XSD");
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }
}
