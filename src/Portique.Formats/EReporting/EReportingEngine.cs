namespace Portique.Formats.EReporting;

/// <summary>All findings of every layer for one e-reporting transmission. IsValid = no Fatal finding; Report null when unreadable.</summary>
public sealed record EReportingReport(EReport? Report, bool IsValid, IReadOnlyList<Finding> Findings);

/// <summary>Raised when content cannot be read as an e-reporting transmission at all, or a transmission cannot be written valid.</summary>
public sealed class EReportingFormatException : Exception
{
    public EReportingFormatException(string message, IReadOnlyList<Finding> findings)
        : base(findings.FirstOrDefault(f => f.Severity == Severity.Fatal) is { } first ? $"{message} {first.Rule} : {first.Message}" : message) =>
        Findings = findings;

    public EReportingFormatException() : this("Le contenu n'est pas une transmission e-reporting lisible.", []) { }

    public EReportingFormatException(string message) : this(message, []) { }

    public EReportingFormatException(string message, Exception innerException) : base(message, innerException) => Findings = [];

    public IReadOnlyList<Finding> Findings { get; }
}

/// <summary>
/// The e-reporting (Flux 10) front door: validation in layers (XML, XSD DGFiP v3.2, the AIFE PPF_Flux10 rules), reading, and
/// writing a transmission that is checked before it leaves. Fails closed like <see cref="Cdar.CdarEngine"/>: an internal error
/// is a fatal finding, never a pass.
/// </summary>
public static class EReportingEngine
{
    /// <summary>The CLI and JSON name of the syntax.</summary>
    public const string SyntaxName = "ereporting";

    public static EReportingReport Validate(ReadOnlyMemory<byte> content, FormatLimits? limits = null) => Validate(content, limits, EReportingRules.Check);

    /// <summary>The rule layer as a function, so a test can prove that a failing layer fails the transmission.</summary>
    internal static EReportingReport Validate(ReadOnlyMemory<byte> content, FormatLimits? limits, Action<EReport, List<Finding>> rules)
    {
        var findings = new List<Finding>();
        EReport? report = null;
        try
        {
            var read = EReportingReader.Read(content, limits);
            findings.AddRange(read.Findings);
            report = read.Report;
            if (report is null)
            {
                if (!findings.Exists(f => f.Severity == Severity.Fatal))
                    findings.Add(new Finding("XML", Severity.Fatal, "/", null, "Le contenu n'a pas pu être lu comme une transmission e-reporting."));
                return Result(null, findings);
            }
            rules(report, findings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            findings.Add(new Finding(InvoiceEngine.InternalErrorRule, Severity.Fatal, "/", null,
                $"La validation s'est arrêtée sur une erreur interne ({e.GetType().Name} : {e.Message}) ; la transmission n'est pas acceptée."));
        }
        return Result(report, findings);
    }

    /// <summary>Checks a transmission built in code: the XSD and the rules on the XML it writes.</summary>
    public static EReportingReport Validate(EReport report) => Validate(EReportingWriter.Write(report));

    /// <summary>Reads a transmission without judging it (no XSD, no rules); throws <see cref="EReportingFormatException"/> when unreadable.</summary>
    public static EReport Read(ReadOnlyMemory<byte> content, FormatLimits? limits = null)
    {
        var read = EReportingReader.Read(content, limits, validateSchema: false);
        return read.Report ?? throw new EReportingFormatException("Le contenu n'est pas une transmission e-reporting lisible.", read.Findings);
    }

    /// <summary>Writes a transmission that passes the XSD and the rules, or throws with the findings: Portique never sends one the PPF would reject.</summary>
    public static byte[] Write(EReport report)
    {
        var xml = EReportingWriter.Write(report);
        var result = Validate(xml);
        if (!result.IsValid)
        {
            var errors = result.Findings.Where(f => f.Severity == Severity.Fatal).ToList();
            throw new EReportingFormatException(
                $"La transmission e-reporting ne peut pas être écrite : elle ne respecte pas {errors.Count} règle(s) ({string.Join(", ", errors.Select(f => f.Rule).Distinct())}).", errors);
        }
        return xml;
    }

    private static EReportingReport Result(EReport? report, List<Finding> findings) =>
        new(report, !findings.Exists(f => f.Severity == Severity.Fatal), findings);
}
