using System.Xml;
using System.Xml.Schema;

namespace Portique.Formats.Xml;

/// <summary>How every reader of the engine opens an untrusted document, and turns on the XSD check of its format.</summary>
internal static class SecureXml
{
    /// <summary>No DTD, no resolver (so no external entity), bounded entity expansion; comments and processing instructions dropped.</summary>
    public static XmlReaderSettings Settings(bool ignoreWhitespace = true) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = ignoreWhitespace,
        CloseInput = true,
    };

    /// <summary>
    /// Validates against <paramref name="schemas"/> as the document is read, passing each schema error (warnings are not
    /// verdicts) to <paramref name="onError"/> with the reader that met it. No inline schema, no schema location from the
    /// document, no identity constraints (none of the engine's formats declares one).
    /// </summary>
    public static void CheckAgainst(this XmlReaderSettings settings, XmlSchemaSet schemas, Action<XmlReader?, ValidationEventArgs> onError)
    {
        settings.Schemas = schemas;
        settings.ValidationType = ValidationType.Schema;
        settings.ValidationFlags = XmlSchemaValidationFlags.None;
        settings.ValidationEventHandler += (sender, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
                onError(sender as XmlReader, e);
        };
    }
}
