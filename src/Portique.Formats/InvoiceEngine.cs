using Portique.Formats.FacturX;
using Portique.Formats.Rendering;
using Portique.Formats.Rules;

namespace Portique.Formats;

/// <summary>What a piece of content was found to be. JSON/CLI names: ubl-invoice, ubl-creditnote, cii, facturx.</summary>
public enum SourceKind { UblInvoice, UblCreditNote, Cii, FacturX }

/// <summary>The formats <see cref="InvoiceEngine.Convert"/> produces.</summary>
public enum TargetFormat { Ubl, Cii, FacturX }

/// <summary>All findings of every layer for one input. IsValid = no Fatal finding.</summary>
public sealed record ValidationReport(SourceKind? Kind, bool IsValid, IReadOnlyList<Finding> Findings);

/// <summary>Raised when content cannot be read as an invoice at all; the findings say why.</summary>
public sealed class InvoiceFormatException : Exception
{
    public InvoiceFormatException(string message, IReadOnlyList<Finding> findings)
        : base(Describe(message, findings)) => Findings = findings;

    public InvoiceFormatException() : this("The content is not a readable invoice.", []) { }

    public InvoiceFormatException(string message) : this(message, []) { }

    public InvoiceFormatException(string message, Exception innerException) : base(message, innerException) => Findings = [];

    public IReadOnlyList<Finding> Findings { get; }

    private static string Describe(string message, IReadOnlyList<Finding> findings) =>
        findings.FirstOrDefault(f => f.Severity == Severity.Fatal) is { } first ? $"{message} {first.Rule}: {first.Message}" : message;
}

/// <summary>
/// The engine's front door: detects PDF (Factur-X) or XML (UBL, CII), reads, validates in layers, converts and renders.
/// </summary>
public static class InvoiceEngine
{
    /// <summary>Rule id of the finding that replaces any unexpected failure: validation fails closed, never "valid".</summary>
    public const string InternalErrorRule = "ENGINE-01";

    public static ValidationReport Validate(ReadOnlyMemory<byte> content, RuleProfile profile = RuleProfile.En16931, FormatLimits? limits = null) =>
        Validate(content, profile, limits, InvoiceRules.Check);

    /// <summary>The business-rule layer as a function, so a test can prove that a failing layer fails the invoice.</summary>
    internal delegate void RuleCheck(Model.Invoice invoice, InvoiceSyntax syntax, ReadOnlyMemory<byte> xml, RuleProfile profile, List<Finding> findings);

    internal static ValidationReport Validate(ReadOnlyMemory<byte> content, RuleProfile profile, FormatLimits? limits, RuleCheck rules)
    {
        var findings = new List<Finding>();
        SourceKind? kind = null;
        try
        {
            var xml = content;
            string? declaredLevel = null;
            if (FacturXPdf.LooksLikePdf(content.Span))
            {
                kind = SourceKind.FacturX;
                var extraction = FacturXPdf.Extract(content, findings, limits);
                if (extraction.Xml is null)
                    return Report(kind, findings);
                xml = extraction.Xml;
                declaredLevel = extraction.ConformanceLevel;
            }

            var read = InvoiceXml.Read(xml, limits);
            findings.AddRange(read.Findings);
            if (declaredLevel is not null && FacturXRules.ConformanceLevelOf(read.Invoice?.SpecificationIdentifier) is { } level
                && !string.Equals(level, declaredLevel, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(new Finding(FacturXRules.ProfileMismatch, Severity.Warning, "/", "BT-24",
                    $"The PDF declares Factur-X profile {declaredLevel} but the XML says {level} ({read.Invoice!.SpecificationIdentifier})."));
            }
            kind ??= ToKind(read.Syntax);
            if (read.Invoice is null || read.Syntax is not { } syntax)
            {
                if (!findings.Any(f => f.Severity == Severity.Fatal))
                    findings.Add(new Finding("XML", Severity.Fatal, "/", null, "The content could not be read as an invoice."));
                return Report(kind, findings);
            }
            CheckRules(read.Invoice, syntax, xml, profile, findings, rules, limits);
            // Under the French profile an EXTENDED document is an EXTENDED-CTC-FR one, judged by the French set (CheckRules).
            if (kind is { } sourceKind && FacturXProfileRules.ProfileOf(sourceKind, read.Invoice.SpecificationIdentifier, declaredLevel) is { } facturX
                && !(facturX == "EXTENDED" && profile == RuleProfile.French))
            {
                RunLayer($"Factur-X {facturX}", findings, () => FacturXProfileRules.Check(xml, facturX, findings, limits));
            }
            return Report(kind, findings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            findings.Add(new Finding(InternalErrorRule, Severity.Fatal, "/", null,
                $"Validation stopped on an internal error ({e.GetType().Name}: {e.Message}); the invoice is not accepted."));
            return Report(kind, findings);
        }
    }

    /// <summary>
    /// Runs the business-rule layers as the invoice's profile (BT-24) calls for. The CEN rules are the EN 16931 schematron;
    /// Factur-X MINIMUM and BASIC WL are not EN 16931-compliant and EXTENDED is an extension with its own schematron, so for
    /// those the CEN verdicts are not authoritative: dropped for the first two, kept as warnings for EXTENDED, and replaced
    /// by FNFE-MPE's EXTENDED-CTC-FR rules under the French profile (the French pipeline's rules for that profile, which
    /// accept both identifiers it may carry). XSD, the French layer and internal errors keep their severity whatever the profile.
    /// </summary>
    private static void CheckRules(Model.Invoice invoice, InvoiceSyntax syntax, ReadOnlyMemory<byte> xml, RuleProfile profile,
        List<Finding> findings, RuleCheck rules, FormatLimits? limits)
    {
        var scope = FacturXRules.CenScopeOf(invoice.SpecificationIdentifier);
        if (scope == CenScope.Applies)
        {
            rules(invoice, syntax, xml, profile, findings);
            return;
        }

        var layer = new List<Finding>();
        rules(invoice, syntax, xml, profile, layer);
        var replaced = scope == CenScope.Extension && profile == RuleProfile.French;
        var demoted = 0;
        foreach (var finding in layer)
        {
            if (!FacturXRules.IsCenRule(finding.Rule))
                findings.Add(finding);
            else if (scope == CenScope.Extension && !replaced)
            {
                demoted += finding.Severity == Severity.Fatal ? 1 : 0;
                findings.Add(finding with { Severity = Severity.Warning });
            }
        }
        if (replaced)
        {
            RunLayer("EXTENDED-CTC-FR", findings, () => Schematron.RuleSets.ExtendedCtcFr(syntax).Run(Schematron.XmlTree.Parse(xml, limits), findings));
        }
        findings.Add(scope switch
        {
            _ when replaced => new Finding(FacturXRules.CenRulesAsWarnings, Severity.Warning, "/", "BT-24",
                $"Le profil {invoice.SpecificationIdentifier} étend EN 16931 : la facture est jugée selon les règles EXTENDED-CTC-FR (FNFE-MPE {Schematron.RuleSets.FnfeVersion}), qui remplacent les règles EN 16931."),
            CenScope.Extension => new Finding(FacturXRules.CenRulesAsWarnings, Severity.Warning, "/", "BT-24",
                $"Le profil {invoice.SpecificationIdentifier} étend EN 16931 : les règles EN 16931 sont signalées en avertissements ({demoted} erreur(s) rétrogradée(s)) ; un Factur-X EXTENDED est jugé selon les règles de son profil, le profil français (--profile fr) ajoute les règles EXTENDED-CTC-FR."),
            _ => new Finding(FacturXRules.CenRulesNotApplicable, Severity.Warning, "/", "BT-24",
                $"Le profil {invoice.SpecificationIdentifier} n'est pas conforme à EN 16931 : ce document n'est pas une facture EN 16931. Il est jugé selon son schéma et les règles de son profil Factur-X, non selon les règles EN 16931."),
        });
    }

    /// <summary>Runs one rule layer; an unexpected error fails the invoice instead of passing it silently.</summary>
    private static void RunLayer(string layer, List<Finding> findings, Action run)
    {
        try
        {
            run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            findings.Add(new Finding(InternalErrorRule, Severity.Fatal, "/", null,
                $"La couche de règles {layer} s'est arrêtée sur une erreur interne ({e.GetType().Name} : {e.Message}) ; la facture n'est pas acceptée."));
        }
    }

    /// <summary>
    /// What the content looks like from its head alone (a PDF header, or the root element of the XML), without reading or
    /// validating it: null when it is neither. Bounded: a PDF is named by its first bytes; the XML reader stops at the root
    /// element, refuses DTDs and external entities.
    /// </summary>
    public static SourceKind? Sniff(ReadOnlyMemory<byte> content)
    {
        if (FacturXPdf.LooksLikePdf(content.Span))
            return SourceKind.FacturX;
        var settings = new System.Xml.XmlReaderSettings
        {
            DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = 0, MaxCharactersFromEntities = 1024,
        };
        try
        {
            using var reader = System.Xml.XmlReader.Create(InvoiceXml.AsStream(content), settings);
            return reader.MoveToContent() == System.Xml.XmlNodeType.Element ? ToKind(InvoiceXml.Detect(reader.LocalName, reader.NamespaceURI)) : null;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>Reads any supported content into the model, returning the invoice XML (extracted when the input is a PDF).</summary>
    public static (SourceKind Kind, Model.Invoice Invoice, byte[] Xml) Read(ReadOnlyMemory<byte> content, FormatLimits? limits = null)
    {
        var findings = new List<Finding>();
        var isPdf = FacturXPdf.LooksLikePdf(content.Span);
        var xml = isPdf
            ? FacturXPdf.ExtractXml(content, out _, findings, limits) ?? throw new InvoiceFormatException("No invoice XML in the PDF.", findings)
            : content.ToArray();
        var read = InvoiceXml.Read(xml, limits, validateSchema: false);
        if (read.Invoice is null || ToKind(read.Syntax) is not { } kind)
            throw new InvoiceFormatException("The content is not a readable invoice.", [.. findings, .. read.Findings]);
        return (isPdf ? SourceKind.FacturX : kind, read.Invoice, xml);
    }

    /// <summary>
    /// Converts to the requested format. Content already in that syntax is returned as it is (the lossless conversion);
    /// a Factur-X keeps its CII when CII is asked for.
    /// </summary>
    public static byte[] Convert(ReadOnlyMemory<byte> content, TargetFormat to)
    {
        var (kind, invoice, xml) = Read(content);
        return (to, kind) switch
        {
            (TargetFormat.Ubl, SourceKind.UblInvoice or SourceKind.UblCreditNote) => xml,
            (TargetFormat.Ubl, _) => InvoiceXml.Write(WithVatPointCode(invoice, toCii: false), IsCreditNote(invoice.TypeCode) ? InvoiceSyntax.UblCreditNote : InvoiceSyntax.UblInvoice),
            (TargetFormat.Cii, SourceKind.Cii or SourceKind.FacturX) => xml,
            (TargetFormat.Cii, _) => InvoiceXml.Write(WithVatPointCode(invoice, toCii: true), InvoiceSyntax.Cii),
            (TargetFormat.FacturX, SourceKind.FacturX) => content.ToArray(),
            (TargetFormat.FacturX, SourceKind.Cii) => ToFacturX(invoice, xml),
            (TargetFormat.FacturX, _) => ToFacturX(invoice, null),
            _ => throw new ArgumentOutOfRangeException(nameof(to), to, "Unknown target format."),
        };
    }

    /// <summary>
    /// A Factur-X of the profile the invoice calls for, which passes that profile's rules or is not written. The EN 16931
    /// profile requires the guideline id urn:cen.eu:en16931:2017 (FX-SCH-A-000026): a CIUS id (Peppol, XRechnung) is
    /// replaced by it, the CII then written from the model; a CII already carrying the right id travels unchanged.
    /// </summary>
    private static byte[] ToFacturX(Model.Invoice invoice, byte[]? cii)
    {
        var level = FacturXProfile(invoice);
        if (level == "EN 16931" && invoice.SpecificationIdentifier?.Trim() != FacturXEn16931Guideline)
        {
            invoice.SpecificationIdentifier = FacturXEn16931Guideline;
            cii = null;
        }
        if (cii is null)
        {
            // BT-8 read from UBL is a UNTDID 2005 code (3, 35, 432); CII, hence Factur-X, says the same in UNTDID 2475.
            invoice.VatPointDateCode = invoice.VatPointDateCode switch { "3" => "5", "35" => "29", "432" => "72", var code => code };
            cii = InvoiceXml.Write(invoice, InvoiceSyntax.Cii);
        }
        var profile = FacturXProfileRules.ProfileOf(SourceKind.FacturX, invoice.SpecificationIdentifier, level)!;
        var findings = new List<Finding>();
        FacturXProfileRules.Check(cii, profile, findings);
        var errors = findings.Where(f => f.Severity == Severity.Fatal).ToList();
        if (errors.Count > 0)
        {
            throw new InvoiceFormatException(
                $"Le Factur-X {level} ne peut pas être écrit : la facture ne respecte pas {errors.Count} règle(s) de ce profil ({string.Join(", ", errors.Select(f => f.Rule).Distinct())}).",
                errors);
        }
        return FacturXWriter.Create(cii, level, null, invoice);
    }

    /// <summary>
    /// BT-8 is coded in UNTDID 2005 in UBL (3, 35, 432) and in UNTDID 2475 in CII (5, 29, 72), the same three meanings:
    /// a conversion recodes it (BR-CL-06 of the target).
    /// </summary>
    private static Model.Invoice WithVatPointCode(Model.Invoice invoice, bool toCii)
    {
        // CII requires BT-6 to differ from BT-5 (BR-53 of the CII binding); UBL accepts them equal, which says nothing more
        // than BT-5 alone: such a BT-6 (and its BT-111, then equal to BT-110) is not carried over.
        if (toCii && invoice.VatAccountingCurrencyCode is { } taxCurrency && taxCurrency.Trim() == invoice.CurrencyCode?.Trim())
        {
            invoice.VatAccountingCurrencyCode = null;
            invoice.Totals.VatTotalInAccountingCurrency = null;
        }
        invoice.VatPointDateCode = (toCii, invoice.VatPointDateCode?.Trim()) switch
        {
            (true, "3") => "5", (true, "35") => "29", (true, "432") => "72",
            (false, "5") => "3", (false, "29") => "35", (false, "72") => "432",
            _ => invoice.VatPointDateCode,
        };
        return invoice;
    }

    /// <summary>The guideline id (BT-24) of the Factur-X EN 16931 profile.</summary>
    private const string FacturXEn16931Guideline = "urn:cen.eu:en16931:2017";

    /// <summary>A readable HTML page of the invoice, in French unless English is asked for; refused (RENDER-01) past <see cref="RenderBudget"/>.</summary>
    public static string RenderHtml(Model.Invoice invoice, RenderLanguage language = RenderLanguage.French, long maxCharacters = RenderBudget.DefaultMaxCharacters)
    {
        RenderBudget.Check(invoice, maxCharacters);
        return InvoiceHtml.Render(invoice, language);
    }

    /// <summary>
    /// A readable PDF of the invoice: the same pages a generated Factur-X shows, without the embedded XML; in French unless
    /// English is asked for; refused (RENDER-01) past <see cref="RenderBudget"/>.
    /// </summary>
    public static byte[] RenderPdf(Model.Invoice invoice, RenderLanguage language = RenderLanguage.French, long maxCharacters = RenderBudget.DefaultMaxCharacters)
    {
        RenderBudget.Check(invoice, maxCharacters);
        using var document = FacturX.VisualPage.Draw(invoice, language);
        document.Info.Title = $"{InvoiceText.For(language).DocumentTitle(invoice.TypeCode)} {invoice.Number}".Trim();
        document.Info.Creator = "Portique";
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>The CLI and JSON name of a kind.</summary>
    public static string Name(this SourceKind kind) => kind switch
    {
        SourceKind.UblInvoice => "ubl-invoice",
        SourceKind.UblCreditNote => "ubl-creditnote",
        SourceKind.Cii => "cii",
        SourceKind.FacturX => "facturx",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static ValidationReport Report(SourceKind? kind, List<Finding> findings) =>
        new(kind, !findings.Exists(f => f.Severity == Severity.Fatal), findings);

    private static SourceKind? ToKind(InvoiceSyntax? syntax) => syntax switch
    {
        InvoiceSyntax.UblInvoice => SourceKind.UblInvoice,
        InvoiceSyntax.UblCreditNote => SourceKind.UblCreditNote,
        InvoiceSyntax.Cii => SourceKind.Cii,
        _ => null,
    };

    /// <summary>UNTDID 1001 codes that EN 16931 carries in a UBL CreditNote rather than an Invoice.</summary>
    private static bool IsCreditNote(string? typeCode) => typeCode is "381" or "261" or "262" or "296" or "308" or "396" or "420" or "458" or "532" or "81" or "83";

    /// <summary>The Factur-X profile matching the specification identifier (BT-24); EN 16931 for anything else (UBL, Peppol).</summary>
    private static string FacturXProfile(Model.Invoice invoice)
    {
        var id = invoice.SpecificationIdentifier ?? "";
        return id.Contains("extended", StringComparison.OrdinalIgnoreCase) ? "EXTENDED"
            : id.Contains("basicwl", StringComparison.OrdinalIgnoreCase) ? "BASIC WL"
            : id.Contains("minimum", StringComparison.OrdinalIgnoreCase) ? "MINIMUM"
            : id.Contains("factur-x.eu:1p0:basic", StringComparison.OrdinalIgnoreCase) ? "BASIC"
            : "EN 16931";
    }
}
