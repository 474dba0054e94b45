using Portique.Formats.Rules.En16931;
using Portique.Formats.Rules.French;

namespace Portique.Formats.Rules;

/// <summary>Which rule layers run: French = EN 16931 + the BR-FR layer.</summary>
public enum RuleProfile { En16931, French }

/// <summary>
/// The business-rule layers of the engine, written natively in C# over the semantic model.
/// Semantics, severities and rounding follow the CEN/TC 434 validation artefacts (schematron) of <see cref="En16931Version"/>.
/// </summary>
public static class InvoiceRules
{
    /// <summary>The CEN/TC 434 artefacts release followed (ConnectingEurope/eInvoicing-EN16931).</summary>
    public const string En16931Version = "1.3.16";

    /// <summary>The French rules followed: FNFE-MPE "BR-FR-Flux2" schematron V1.4.0.03 (see <see cref="FrenchRules"/>).</summary>
    public const string FrenchVersion = "FNFE-MPE BR-FR Flux 2 V1.4.0.03";

    /// <summary>
    /// Adds every finding of the EN 16931 layer (and the French one when asked). <paramref name="xml"/> is the source,
    /// read again only by the syntax-binding rules that need what the model does not keep; pass it empty for an invoice
    /// built in code, which then gets the model rules only.
    /// Fails closed: an internal error becomes a fatal finding, never a silent pass.
    /// </summary>
    public static void Check(Model.Invoice invoice, InvoiceSyntax syntax, ReadOnlyMemory<byte> xml, RuleProfile profile, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(findings);
        var ctx = new RuleContext(invoice, syntax, findings);
        // The syntax pass runs first: besides its own rules it records what the model rules need to know about the source.
        // An invoice built in code (an entry form) has no source yet: only the model rules apply.
        if (!xml.IsEmpty)
        {
            Run(ctx, syntax == InvoiceSyntax.Cii ? "CII-SYNTAX" : "UBL-SYNTAX", c =>
            {
                try
                {
                    if (c.IsCii) CiiSyntaxRules.Check(c, xml); else UblSyntaxRules.Check(c, xml);
                }
                catch
                {
                    // Half-read facts would mislead the model rules; they fall back to what the model holds.
                    c.Facts = null;
                    throw;
                }
            });
        }
        // The code lists apply to every category as written; the VAT rules only to those of the VAT scheme.
        Run(ctx, "EN16931-CODES", static c => CodeListRules.Check(c));
        if (ctx.Facts is { } facts && facts.NonVatLines.Count + facts.NonVatAllowanceCharges.Count + facts.NonVatBreakdowns.Count > 0)
        {
            ctx.Invoice = VatView.WithoutNonVatCategories(invoice, facts);
        }
        Run(ctx, "EN16931", static c => En16931Rules.Check(c));
        if (profile == RuleProfile.French)
        {
            Run(ctx, "BR-FR", c => FrenchRules.Check(c, xml));
        }
    }

    private static void Run(RuleContext ctx, string layer, Action<RuleContext> rules)
    {
        try
        {
            rules(ctx);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ctx.Findings.Add(new Finding("INTERNAL", Severity.Fatal, "/", null,
                $"The {layer} rule layer stopped on an internal error ({ex.GetType().Name}: {ex.Message}); the invoice cannot be declared valid."));
        }
    }
}
