namespace Portique.Formats.Tests.Xml;

/// <summary>
/// Seeded mutations of corpus files (byte flips, cuts, duplicated and deleted slices): reading never throws, an unreadable document
/// always has a fatal finding, and whatever model comes out can be written in every syntax as well-formed XML.
/// </summary>
public sealed class MutationTests
{
    public static TheoryData<string> Seeds => Corpus.Paths(Corpus.ValidXmlFiles.Where((_, i) => i % 9 == 0));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_documents_never_escape_as_exceptions(string path)
    {
        var original = TestData.Bytes(path);
        var random = new Random(path.Length * 7919 + original.Length);
        for (var round = 0; round < 60; round++)
        {
            var mutated = Mutate(original, random);

            var result = InvoiceXml.Read(mutated);

            if (result.Invoice is null)
            {
                Assert.Contains(result.Findings, f => f.Severity == Severity.Fatal);
                continue;
            }
            foreach (var syntax in new[] { InvoiceSyntax.UblInvoice, InvoiceSyntax.UblCreditNote, InvoiceSyntax.Cii })
            {
                var written = InvoiceXml.Write(result.Invoice, syntax);
                Assert.DoesNotContain(InvoiceXml.Read(written, validateSchema: false).Findings, f => f.Rule == "XML" && f.Message.Contains("well-formed", StringComparison.Ordinal));
            }
        }
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && bytes.Count > 2; i++)
        {
            var at = random.Next(bytes.Count);
            var length = Math.Min(random.Next(1, 64), bytes.Count - at);
            switch (random.Next(5))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, length); break;
                case 2: bytes.InsertRange(at, bytes.GetRange(random.Next(bytes.Count - length), length)); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes.InsertRange(at, "<x>&#0;</x>"u8.ToArray()); break;
            }
        }
        return [.. bytes];
    }
}
