using Portique.Formats.Cdar;
using Portique.Formats.Xml;

namespace Portique.Formats.Tests.Cdar;

/// <summary>The embedded CDAR D22B schemas are the published files, all of them, and compile.</summary>
public sealed class CdarSchemaTests
{
    [Fact]
    public void The_embedded_schemas_are_the_published_files()
    {
        var published = Directory.GetFiles(TestData.PathOf("b2b/cdar/xsd"), "*.xsd").Order(StringComparer.Ordinal).ToList();
        var source = Path.Combine(TestData.Root, "..", "..", "src", "Portique.Formats", "Schemas", "cdar-d22b");

        Assert.Equal(14, published.Count);
        Assert.Equal(published.Select(Path.GetFileName), Directory.GetFiles(source, "*.xsd").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(published, file =>
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(source, Path.GetFileName(file))));
            Assert.True(SchemaFiles.IsEmbedded("cdar-d22b/" + Path.GetFileName(file)), file);
        });
    }

    [Fact]
    public void The_schema_set_compiles_with_the_cdar_root()
    {
        var set = CdarReader.Schemas();

        Assert.True(set.IsCompiled);
        Assert.Contains(set.GlobalElements.Names.Cast<System.Xml.XmlQualifiedName>(),
            n => n.Name == "CrossDomainAcknowledgementAndResponse" && n.Namespace == CdarReader.RsmNamespace);
    }
}
