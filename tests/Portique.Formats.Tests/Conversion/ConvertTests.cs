namespace Portique.Formats.Tests.Conversion;

public sealed class ConvertTests
{
    [Fact]
    public void A_UBL_credit_note_converts_to_CII_and_back_to_a_credit_note()
    {
        var cii = InvoiceXml.Convert(TestData.Bytes("examples/en16931/ubl/ubl-tc434-creditnote1.xml"), toCii: true, out var first);
        Assert.NotNull(cii);
        Assert.Empty(first.Findings);
        var ciiRead = InvoiceXml.Read(cii);
        Assert.Empty(ciiRead.Findings);
        Assert.Equal(InvoiceSyntax.Cii, ciiRead.Syntax);
        Assert.Equal("381", ciiRead.Invoice!.TypeCode);

        var ubl = InvoiceXml.Convert(cii, toCii: false, out _);

        var back = InvoiceXml.Read(ubl!);
        Assert.Empty(back.Findings);
        Assert.Equal(InvoiceSyntax.UblCreditNote, back.Syntax);
        Assert.Equal("018304 / 28865", back.Invoice!.Number);
    }

    [Fact]
    public void An_unreadable_document_does_not_convert_and_says_why()
    {
        var result = InvoiceXml.Convert("<Invoice"u8.ToArray(), toCii: true, out var read);

        Assert.Null(result);
        Assert.Contains(read.Findings, f => f.Severity == Severity.Fatal);
    }

    [Fact]
    public void Concurrent_reads_share_the_schema_cache_and_agree()
    {
        var files = Corpus.ValidXmlFiles.Select(r => TestData.Bytes(r["path"])).ToList();
        var expected = files.Select(f => InvoiceXml.Read(f).Findings.Count).ToList();

        var results = new int[files.Count * 4];
        Parallel.For(0, results.Length, i => results[i] = InvoiceXml.Read(files[i % files.Count]).Findings.Count);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % files.Count], results[i]);
        }
        Assert.Same(Portique.Formats.Xml.InvoiceSchemas.Get(), Portique.Formats.Xml.InvoiceSchemas.Get());
    }
}
