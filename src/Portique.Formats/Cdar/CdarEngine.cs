namespace Portique.Formats.Cdar;

/// <summary>All findings of every layer for one lifecycle message. IsValid = no Fatal finding; Message null when unreadable.</summary>
public sealed record CdarReport(CdarMessage? Message, bool IsValid, IReadOnlyList<Finding> Findings);

/// <summary>Raised when content cannot be read as a lifecycle message at all, or a message cannot be written valid; the findings say why.</summary>
public sealed class CdarFormatException : Exception
{
    public CdarFormatException(string message, IReadOnlyList<Finding> findings)
        : base(findings.FirstOrDefault(f => f.Severity == Severity.Fatal) is { } first ? $"{message} {first.Rule} : {first.Message}" : message) =>
        Findings = findings;

    public CdarFormatException() : this("Le contenu n'est pas un message de cycle de vie lisible.", []) { }

    public CdarFormatException(string message) : this(message, []) { }

    public CdarFormatException(string message, Exception innerException) : base(message, innerException) => Findings = [];

    public IReadOnlyList<Finding> Findings { get; }
}

/// <summary>
/// The lifecycle-message front door: validation in layers (XML, XSD CDAR D22B, the French BR-FR-CDV rules), reading, and
/// writing a message that is checked before it leaves. Validation fails closed like <see cref="InvoiceEngine.Validate(ReadOnlyMemory{byte}, Rules.RuleProfile, FormatLimits?)"/>.
/// </summary>
public static class CdarEngine
{
    /// <summary>The CLI and JSON name of the syntax.</summary>
    public const string SyntaxName = "cdar";

    public static CdarReport Validate(ReadOnlyMemory<byte> content, FormatLimits? limits = null) => Validate(content, limits, CdarRules.Check);

    /// <summary>The rule layer as a function, so a test can prove that a failing layer fails the message.</summary>
    internal static CdarReport Validate(ReadOnlyMemory<byte> content, FormatLimits? limits, Action<CdarMessage, List<Finding>> rules)
    {
        var findings = new List<Finding>();
        CdarMessage? message = null;
        try
        {
            var read = CdarReader.Read(content, limits);
            findings.AddRange(read.Findings);
            message = read.Message;
            if (message is null)
            {
                if (!findings.Exists(f => f.Severity == Severity.Fatal))
                    findings.Add(new Finding("XML", Severity.Fatal, "/", null, "Le contenu n'a pas pu être lu comme un message de cycle de vie."));
                return Report(null, findings);
            }
            rules(message, findings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            findings.Add(new Finding(InvoiceEngine.InternalErrorRule, Severity.Fatal, "/", null,
                $"La validation s'est arrêtée sur une erreur interne ({e.GetType().Name} : {e.Message}) ; le message n'est pas accepté."));
        }
        return Report(message, findings);
    }

    /// <summary>Checks a message built in code: the rules on the model and the XSD on the XML it writes.</summary>
    public static CdarReport Validate(CdarMessage message) => Validate(CdarWriter.Write(message));

    /// <summary>Reads a message without judging it (no XSD, no rules); throws <see cref="CdarFormatException"/> when unreadable.</summary>
    public static CdarMessage Read(ReadOnlyMemory<byte> content, FormatLimits? limits = null)
    {
        var read = CdarReader.Read(content, limits, validateSchema: false);
        return read.Message ?? throw new CdarFormatException("Le contenu n'est pas un message de cycle de vie lisible.", read.Findings);
    }

    /// <summary>
    /// Writes a message that passes the XSD and the French rules, or throws <see cref="CdarFormatException"/> with the findings:
    /// Portique never sends a lifecycle message a platform or the PPF would reject.
    /// </summary>
    public static byte[] Write(CdarMessage message)
    {
        var xml = CdarWriter.Write(message);
        var report = Validate(xml);
        if (!report.IsValid)
        {
            var errors = report.Findings.Where(f => f.Severity == Severity.Fatal).ToList();
            throw new CdarFormatException(
                $"Le message de cycle de vie ne peut pas être écrit : il ne respecte pas {errors.Count} règle(s) ({string.Join(", ", errors.Select(f => f.Rule).Distinct())}).", errors);
        }
        return xml;
    }

    private static CdarReport Report(CdarMessage? message, List<Finding> findings) =>
        new(message, !findings.Exists(f => f.Severity == Severity.Fatal), findings);
}
