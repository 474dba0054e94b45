using Portique.Formats.Schematron;

namespace Portique.Formats.Rules.French;

/// <summary>
/// The French rules of the 2026 B2B reform (the BR-FR layer), switched on by <see cref="RuleProfile.French"/>: FNFE-MPE's
/// "BR-FR-Flux2-Schematron" V1.4.0.03 for UBL and for CII (the same set for every profile, Factur-X through its CII), every
/// assert run natively with the severity the published set gives it (the "fatal" variant, applicable from 1 September
/// 2026; its "_WARNING" twin only lowers every flag). Rule ids are the set's own, e.g. BR-FR-01_BT-1 or BR-FR-CO-10_BT-29-1,
/// and the messages its French texts. See docs/decisions/0019.
/// </summary>
internal static class FrenchRules
{
    /// <summary>
    /// Checks the invoice's XML (<paramref name="xml"/>), or, for an invoice built in code, the XML the engine writes for it:
    /// the rules judge the document that will travel.
    /// </summary>
    public static void Check(RuleContext c, ReadOnlyMemory<byte> xml = default)
    {
        var syntax = c.Syntax;
        if (xml.IsEmpty)
        {
            // UBL as the engine writes it: a credit note type code (381, 262...) makes a CreditNote document.
            syntax = syntax == InvoiceSyntax.Cii ? syntax : InvoiceXml.UblSyntaxFor(c.Source);
            xml = InvoiceXml.Write(c.Source, syntax);
        }
        RuleSets.French(syntax).Run(XmlTree.Parse(xml), c.Findings);
    }
}
