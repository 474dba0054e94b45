namespace Portique.Formats;

/// <summary>The XML syntaxes the engine reads and writes.</summary>
public enum InvoiceSyntax { UblInvoice, UblCreditNote, Cii }

public enum Severity { Fatal, Warning }

/// <summary>
/// One finding of any layer. Rule: "XSD", "XML", rule ids like "BR-CO-10", "BR-FR-12", "UBL-SR-01", "FX-PDF-01"...
/// Location: an XPath into the XML; Term: the business term ("BT-106", "BG-23") or null.
/// </summary>
public sealed record Finding(string Rule, Severity Severity, string Location, string? Term, string Message);

/// <summary>Bounds applied to untrusted input before and while it is parsed.</summary>
public sealed class FormatLimits
{
    public long MaxXmlBytes { get; init; } = 20 * 1024 * 1024;
    public long MaxPdfBytes { get; init; } = 50 * 1024 * 1024;
    public int MaxDepth { get; init; } = 64;
    public static FormatLimits Default { get; } = new();
}

public sealed record XmlReadResult(InvoiceSyntax? Syntax, Model.Invoice? Invoice, IReadOnlyList<Finding> Findings);
