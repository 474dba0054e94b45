using System.Collections.Concurrent;
using System.Reflection;
using System.Xml;
using System.Xml.Schema;

namespace Portique.Formats.Xml;

/// <summary>
/// Compiles XML schema sets from the schemas embedded in this assembly (folder <c>Schemas/</c>, see its NOTICE.md) or, when a
/// folder is given, from that folder with the same relative layout. Compiled once per source and entry points; nothing is ever
/// fetched from the network and no include may leave its source.
/// </summary>
public static class SchemaFiles
{
    private const string ResourcePrefix = "Portique.Schemas/";

    // Includes and imports of embedded schemas resolve against this virtual folder; the resolver maps it to resources.
    private static readonly Uri EmbeddedRoot = new("file:///portique-embedded-schemas/");

    private static readonly ConcurrentDictionary<string, Lazy<XmlSchemaSet>> Cache = new(StringComparer.Ordinal);
    private static readonly Assembly Assembly = typeof(SchemaFiles).Assembly;

    /// <summary>True when the embedded schemas hold this relative path (for example <c>ubl-2.1/xsd/maindoc/UBL-Invoice-2.1.xsd</c>).</summary>
    public static bool IsEmbedded(string relativePath) => Assembly.GetManifestResourceInfo(ResourcePrefix + relativePath) is not null;

    /// <summary>
    /// The compiled set of the given entry points (paths relative to the schemas root), read from <paramref name="directory"/> or,
    /// when it is null, from the embedded schemas. Throws when a schema is missing or broken; a failure is not cached.
    /// </summary>
    public static XmlSchemaSet Compile(string? directory, params string[] entryPoints)
    {
        var source = directory is null ? "embedded" : Path.GetFullPath(directory);
        var key = source + "|" + string.Join("|", entryPoints);
        // Lazy keeps compilation single even when many threads ask at once.
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<XmlSchemaSet>(() => Load(directory is null ? null : source, entryPoints)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Cache.TryRemove(new KeyValuePair<string, Lazy<XmlSchemaSet>>(key, lazy));
            throw;
        }
    }

    private static XmlSchemaSet Load(string? directory, string[] entryPoints)
    {
        XmlResolver resolver = directory is null ? new EmbeddedResolver() : new LocalFileResolver(directory);
        var set = new XmlSchemaSet { XmlResolver = resolver };
        // The schema files are trusted files of the product; the xmldsig module carries an internal DTD subset, so DTDs are parsed here only.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = resolver };
        foreach (var relative in entryPoints)
        {
            if (directory is null)
            {
                var uri = new Uri(EmbeddedRoot, relative);
                using var stream = (Stream)resolver.GetEntity(uri, null, typeof(Stream))!;
                using var reader = XmlReader.Create(stream, settings, uri.AbsoluteUri);
                set.Add(null, reader);
            }
            else
            {
                using var reader = XmlReader.Create(Path.Combine(directory, relative), settings);
                set.Add(null, reader);
            }
        }
        set.Compile();
        return set;
    }

    /// <summary>Maps the virtual embedded folder to this assembly's resources and refuses anything else.</summary>
    private sealed class EmbeddedResolver : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var relative = EmbeddedRoot.MakeRelativeUri(absoluteUri).OriginalString;
            if (!absoluteUri.IsFile || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                throw new XmlException($"refused to fetch {absoluteUri}: schemas are read from the embedded copies only");
            }
            return Assembly.GetManifestResourceStream(ResourcePrefix + Uri.UnescapeDataString(relative))
                ?? throw new XmlException($"schema {Uri.UnescapeDataString(relative)} is not embedded in Portique.Formats");
        }
    }

    /// <summary>Resolves schema includes and imports to files inside the schemas folder and refuses anything else.</summary>
    private sealed class LocalFileResolver(string root) : XmlResolver
    {
        private readonly string _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile)
            {
                throw new XmlException($"refused to fetch {absoluteUri}: schemas are read from local files only");
            }
            var path = Path.GetFullPath(absoluteUri.LocalPath);
            if (!path.StartsWith(_root, StringComparison.Ordinal))
            {
                throw new XmlException($"refused to read {path}: outside the schemas folder");
            }
            return File.OpenRead(path);
        }
    }
}
