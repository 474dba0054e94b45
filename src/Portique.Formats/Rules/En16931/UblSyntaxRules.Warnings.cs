using System.Collections.Frozen;
using System.Xml;

namespace Portique.Formats.Rules.En16931;

/// <summary>
/// The warnings of the UBL binding, in the same pass: the UBL-CR "should not be used" paths (<see cref="UblUnusedPaths"/>)
/// followed down a tree of local names as elements open, and the UBL-DT attributes that should not be used anywhere.
/// Each is asserted once on the root in the artefacts, so each is reported at most once per document.
/// </summary>
internal static partial class UblSyntaxRules
{
    /// <summary>One step of the unused paths: the rules met when the element exists, and those of its attributes.</summary>
    private sealed class PathNode
    {
        private Dictionary<string, PathNode>? building;
        public FrozenDictionary<string, PathNode>? Children;
        public List<string>? Rules;
        public List<(string Attribute, string Rule)>? AttributeRules;

        public PathNode Child(string name)
        {
            building ??= new(StringComparer.Ordinal);
            if (!building.TryGetValue(name, out var child)) building[name] = child = new PathNode();
            return child;
        }

        /// <summary>Frozen once built: the lookups run for every element of every UBL document.</summary>
        public PathNode Freeze()
        {
            if (building is null) return this;
            foreach (var child in building.Values) child.Freeze();
            Children = building.ToFrozenDictionary(StringComparer.Ordinal);
            return this;
        }
    }

    /// <summary>Paths from the root element; paths that start anywhere ("//").</summary>
    private static readonly (PathNode FromRoot, PathNode Anywhere) UnusedPaths = BuildPaths();

    /// <summary>Attributes no UBL element should carry (UBL-DT-08 to 28 but 18, and UBL-CR-663).</summary>
    private static readonly FrozenDictionary<string, string> UnusedAttributes = new Dictionary<string, string>
    {
        ["schemeName"] = "UBL-DT-08", ["schemeAgencyName"] = "UBL-DT-09", ["schemeDataURI"] = "UBL-DT-10", ["schemeURI"] = "UBL-DT-11",
        ["format"] = "UBL-DT-12", ["unitCodeListIdentifier"] = "UBL-DT-13", ["unitCodeListAgencyIdentifier"] = "UBL-DT-14",
        ["unitCodeListAgencyName"] = "UBL-DT-15", ["listAgencyName"] = "UBL-DT-16", ["listName"] = "UBL-DT-17", ["languageID"] = "UBL-DT-19",
        ["listURI"] = "UBL-DT-20", ["listSchemeURI"] = "UBL-DT-21", ["languageLocaleID"] = "UBL-DT-22", ["uri"] = "UBL-DT-23",
        ["currencyCodeListVersionID"] = "UBL-DT-24", ["characterSetCode"] = "UBL-DT-25", ["encodingCode"] = "UBL-DT-26",
        ["schemeAgencyID"] = "UBL-DT-27", ["listAgencyID"] = "UBL-DT-28", ["unitCodeListID"] = "UBL-CR-663",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static (PathNode, PathNode) BuildPaths()
    {
        var (root, anywhere) = (new PathNode(), new PathNode());
        foreach (var (rule, path) in UblUnusedPaths.All)
        {
            var node = path.StartsWith("//", StringComparison.Ordinal) ? anywhere : root;
            var steps = path.TrimStart('/').Split('/');
            foreach (var step in steps[..^1]) node = node.Child(step);
            var last = steps[^1];
            if (last[0] == '@') (node.AttributeRules ??= []).Add((last[1..], rule));
            else (node = node.Child(last)).Rules = [.. node.Rules ?? [], rule];
        }
        return (root.Freeze(), anywhere.Freeze());
    }

    private sealed partial class Scan
    {
        // Per open element: its node in the tree from the root, and the nodes of the "//" paths it continues.
        private readonly List<PathNode?> pathNodes = new(32);
        private readonly List<List<PathNode>?> anywhereNodes = new(32);
        private HashSet<string>? warned;
        private int ublVersions;
        private bool ublVersion21;

        private void Warn(string rule, string what)
        {
            if ((warned ??= new(StringComparer.Ordinal)).Add(rule))
                c.Warning(rule, root, null, what);
        }

        private void OpenWarnings(XmlReader r, string name, int d)
        {
            PathNode? node = null;
            List<PathNode>? active = null;
            if (d == 0)
            {
                node = UnusedPaths.FromRoot;
            }
            else
            {
                if (pathNodes[d - 1] is { Children: { } children } && children.TryGetValue(name, out var next)) node = next;
                if (UnusedPaths.Anywhere.Children!.TryGetValue(name, out var start)) (active = []).Add(start);
                if (anywhereNodes[d - 1] is { } above)
                {
                    foreach (var a in above)
                    {
                        if (a.Children is { } ac && ac.TryGetValue(name, out var n)) (active ??= []).Add(n);
                    }
                }
                if (node?.Rules is { } rules) foreach (var rule in rules) Warn(rule, $"{PathOf(d)} should not be used in an EN 16931 invoice.");
                if (active is not null)
                {
                    foreach (var a in active)
                        if (a.Rules is { } anyRules) foreach (var rule in anyRules) Warn(rule, $"{PathOf(d)} should not be used in an EN 16931 invoice.");
                }
                if (d == 1 && name == "UBLVersionID") ublVersions++;
                if (d == 2 && name == "PaymentDueDate" && At(1) == "PaymentMeans" && c.Syntax == InvoiceSyntax.UblInvoice)
                    Warn("UBL-CR-412", "cac:PaymentMeans/cbc:PaymentDueDate should not be used in an invoice (BT-9 is cbc:DueDate).");
            }
            pathNodes.Add(node);
            anywhereNodes.Add(active);

            if (!r.MoveToFirstAttribute()) return;
            do
            {
                if (r.NamespaceURI.Length != 0) continue;
                var attribute = r.LocalName;
                if (UnusedAttributes.TryGetValue(attribute, out var rule))
                    Warn(rule, $"The attribute {attribute} should not be used.");
                else if (attribute == "name" && name != "PaymentMeansCode")
                    Warn("UBL-DT-18", "The attribute name should be used only on the payment means code.");
                if (node?.AttributeRules is { } own) WarnAttribute(own, attribute, d);
                if (active is not null) foreach (var a in active) if (a.AttributeRules is { } any) WarnAttribute(any, attribute, d);
            }
            while (r.MoveToNextAttribute());
            r.MoveToElement();
        }

        private void WarnAttribute(List<(string Attribute, string Rule)> rules, string attribute, int d)
        {
            foreach (var (a, rule) in rules)
                if (a == attribute) Warn(rule, $"The attribute {attribute} of {PathOf(d)} should not be used in an EN 16931 invoice.");
        }

        private void CloseWarnings(int d)
        {
            pathNodes.RemoveAt(d);
            anywhereNodes.RemoveAt(d);
        }

        private void FinishWarnings()
        {
            // A general comparison: some cbc:UBLVersionID equal to '2.1', as written, satisfies it.
            if (ublVersions > 0 && !ublVersion21) Warn("UBL-CR-002", "cbc:UBLVersionID should be absent or 2.1.");
        }
    }
}
