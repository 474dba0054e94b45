using System.Text.Json;
using System.Xml.Linq;
using Portique.Formats.Cdar;

namespace Portique.Formats.Tests.Cdar;

/// <summary>read → write → read is lossless: the same model, the same elements and values as the file, and a schema-valid output.</summary>
public sealed class CdarRoundTripTests
{
    public static TheoryData<string> Examples => CdarTestData.ExamplePaths;

    [Theory]
    [MemberData(nameof(Examples))]
    public void Reading_what_was_written_gives_the_same_model_and_the_same_document(string path)
    {
        var original = CdarTestData.ByPath(path).Bytes();
        var first = CdarReader.Read(original);
        Assert.NotNull(first.Message);
        Assert.DoesNotContain(first.Findings, f => f.Rule == CdarReader.Unmodelled);

        var written = CdarWriter.Write(first.Message!);
        var second = CdarReader.Read(written);

        Assert.NotNull(second.Message);
        Assert.DoesNotContain(second.Findings, f => f.Severity == Severity.Fatal);
        Assert.Equal(Json(first.Message!), Json(second.Message!));
        // Every element, attribute (bar namespace declarations) and value of the file survives, in order.
        Assert.Equal(Canonical(original), Canonical(written));
        // Same verdict and same findings: nothing the rules judge was lost or added.
        Assert.Equal(CdarEngine.Validate(original).Findings.Select(f => f.Rule), CdarEngine.Validate(written).Findings.Select(f => f.Rule));
    }

    [Fact]
    public void An_element_outside_the_model_is_reported_rather_than_silently_dropped()
    {
        var document = XDocument.Load(TestData.PathOf("b2b/cdar/examples/afnor-annexB-v1.4/UC1_F202500003_01-CDV-200_Deposee.xml"));
        XNamespace ram = CdarReader.RamNamespace;
        var sender = document.Descendants(ram + "SenderTradeParty").Single();
        sender.Add(new XElement(ram + "PostalTradeAddress", new XElement(ram + "CountryID", "FR")));

        var read = CdarReader.Read(System.Text.Encoding.UTF8.GetBytes(document.ToString()));

        var warning = Assert.Single(read.Findings, f => f.Rule == CdarReader.Unmodelled);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("PostalTradeAddress", warning.Location, StringComparison.Ordinal);
        Assert.DoesNotContain(read.Findings, f => f.Severity == Severity.Fatal);
    }

    private static string Json(CdarMessage message) => JsonSerializer.Serialize(message);

    /// <summary>Elements with their namespace, attributes and text, whitespace-only text and comments left out.</summary>
    private static string Canonical(byte[] xml)
    {
        var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml).TrimStart('\uFEFF')).Root!;
        var text = new System.Text.StringBuilder();
        void Walk(XElement e, int depth)
        {
            text.Append(' ', depth).Append(e.Name.ToString());
            foreach (var a in e.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.NamespaceName != "http://www.w3.org/2001/XMLSchema-instance"))
                text.Append(' ').Append(a.Name.ToString()).Append("=\"").Append(a.Value).Append('"');
            if (!e.HasElements)
                text.Append(" = [").Append(e.Value).Append(']');
            text.AppendLine();
            foreach (var child in e.Elements())
                Walk(child, depth + 1);
        }
        Walk(root, 0);
        return text.ToString();
    }
}
