using System.Xml;
using System.Xml.Schema;

namespace Portique.Formats.Xml.Compiled;

/// <summary>A state of a content model's automaton: where the children read so far leave the element.</summary>
internal sealed class ContentState
{
    public bool Accepting;
    /// <summary>By local name (short to hash); the namespace is compared after, reference first as readers atomise names.</summary>
    public readonly Dictionary<string, (string Ns, ContentState Next, XmlSchemaElement Element)[]> Elements = [];
    /// <summary>A skipped wildcard (processContents="skip"): the child and its subtree are not checked.</summary>
    public (XmlSchemaAny Any, ContentState Next)? Wildcard;

    public void Add(string ns, string local, ContentState next, XmlSchemaElement element) =>
        Elements[local] = Elements.TryGetValue(local, out var known) ? [.. known, (ns, next, element)] : [(ns, next, element)];

    public bool TryStep(string ns, string local, out ContentState next, out XmlSchemaElement? element)
    {
        if (Elements.TryGetValue(local, out var hits))
        {
            foreach (var hit in hits)
            {
                if (ReferenceEquals(hit.Ns, ns) || hit.Ns == ns)
                {
                    (_, next, element) = hit;
                    return true;
                }
            }
        }
        element = null;
        if (Wildcard is { } w && Allows(w.Any, ns))
        {
            next = w.Next;
            return true;
        }
        next = this;
        return false;
    }

    private static bool Allows(XmlSchemaAny any, string ns)
    {
        var spec = (any.Namespace ?? "##any").Trim();
        if (spec == "##any")
            return true;
        if (spec == "##other")
            return any.SourceSchemaTargetNamespace() is { } target && ns.Length > 0 && ns != target;
        foreach (var token in spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            // An unknown target namespace allows nothing: the framework's validator then decides.
            var allowed = token switch { "##targetNamespace" => any.SourceSchemaTargetNamespace(), "##local" => "", _ => token };
            if (allowed == ns)
                return true;
        }
        return false;
    }
}

/// <summary>
/// A complex type's content model compiled to a deterministic automaton (particles → Thompson NFA → subset construction),
/// once per type. XSD's unique particle attribution makes the automaton small; anything this compiler does not take
/// (xs:all, non-skipped wildcards, large bounded repeats, ambiguity) makes it <c>null</c>, and the document is then
/// checked by the framework's validator instead.
/// </summary>
internal static class ContentModel
{
    private const int MaxExpandedRepeat = 64;

    private sealed class Nfa
    {
        public readonly List<List<(int To, XmlSchemaObject? Label)>> Edges = [];

        public int Add()
        {
            Edges.Add([]);
            return Edges.Count - 1;
        }

        public void Link(int from, int to, XmlSchemaObject? label = null) => Edges[from].Add((to, label));
    }

    private sealed class NotCompilable : Exception;

    public static ContentState? Compile(XmlSchemaParticle particle)
    {
        try
        {
            var nfa = new Nfa();
            var start = nfa.Add();
            var end = Build(nfa, particle, start);
            return Determinize(nfa, start, end);
        }
        catch (NotCompilable)
        {
            return null;
        }
    }

    // Builds the particle with its occurrence range from state `from`; returns the state reached at its end.
    private static int Build(Nfa nfa, XmlSchemaParticle particle, int from)
    {
        if (particle is XmlSchemaGroupRef groupRef)
            return Repeat(nfa, groupRef.Particle ?? throw new NotCompilable(), groupRef.MinOccurs, groupRef.MaxOccurs, from);
        return Repeat(nfa, particle, particle.MinOccurs, particle.MaxOccurs, from);
    }

    private static int Repeat(Nfa nfa, XmlSchemaParticle particle, decimal min, decimal max, int from)
    {
        var unbounded = max == decimal.MaxValue;
        if (min > MaxExpandedRepeat || (!unbounded && max > MaxExpandedRepeat))
            throw new NotCompilable();
        var current = from;
        for (var i = 0; i < min; i++)
            current = Once(nfa, particle, current);
        if (unbounded)
        {
            // (P)*: loop back from the end of one P to its start.
            var loopStart = nfa.Add();
            nfa.Link(current, loopStart);
            var loopEnd = Once(nfa, particle, loopStart);
            nfa.Link(loopEnd, loopStart);
            var after = nfa.Add();
            nfa.Link(loopStart, after);
            return after;
        }
        var exit = nfa.Add();
        for (var i = min; i < max; i++)
        {
            nfa.Link(current, exit);
            current = Once(nfa, particle, current);
        }
        nfa.Link(current, exit);
        return exit;
    }

    private static int Once(Nfa nfa, XmlSchemaParticle particle, int from)
    {
        switch (particle)
        {
            case XmlSchemaElement element:
                if (element.IsAbstract || element.ElementSchemaType is null)
                    throw new NotCompilable();
                var afterElement = nfa.Add();
                nfa.Link(from, afterElement, element);
                return afterElement;
            case XmlSchemaAny any:
                if (any.ProcessContents != XmlSchemaContentProcessing.Skip)
                    throw new NotCompilable();
                var afterAny = nfa.Add();
                nfa.Link(from, afterAny, any);
                return afterAny;
            case XmlSchemaSequence sequence:
                var current = from;
                foreach (XmlSchemaParticle item in sequence.Items)
                    current = Build(nfa, item, current);
                return current;
            case XmlSchemaChoice choice:
                var join = nfa.Add();
                foreach (XmlSchemaParticle item in choice.Items)
                {
                    var branch = nfa.Add();
                    nfa.Link(from, branch);
                    nfa.Link(Build(nfa, item, branch), join);
                }
                return join;
            case XmlSchemaGroupRef groupRef:
                return Build(nfa, groupRef, from);
            // The framework's compiled "no content" particle is an internal type, known only by its name.
            case { } when particle.GetType().Name == "EmptyParticle":
                return from;
            default:
                throw new NotCompilable();
        }
    }

    private static ContentState Determinize(Nfa nfa, int start, int end)
    {
        var states = new Dictionary<string, ContentState>();
        var pending = new Queue<(SortedSet<int> Set, ContentState State)>();
        ContentState StateOf(SortedSet<int> set)
        {
            var key = string.Join(',', set);
            if (states.TryGetValue(key, out var known))
                return known;
            var state = new ContentState { Accepting = set.Contains(end) };
            states[key] = state;
            pending.Enqueue((set, state));
            return state;
        }
        var first = StateOf(Closure(nfa, [start]));
        while (pending.Count > 0)
        {
            if (states.Count > 4096)
                throw new NotCompilable();
            var (set, state) = pending.Dequeue();
            var byName = new Dictionary<(string, string), (List<int> Targets, XmlSchemaElement Element)>();
            XmlSchemaAny? wildcard = null;
            var wildTargets = new List<int>();
            foreach (var s in set)
            {
                foreach (var (to, label) in nfa.Edges[s])
                {
                    switch (label)
                    {
                        case XmlSchemaElement e:
                            var key = (e.QualifiedName.Namespace, e.QualifiedName.Name);
                            if (byName.TryGetValue(key, out var entry))
                            {
                                // Two declarations of one name in one state with different types: not for this compiler.
                                if (!ReferenceEquals(entry.Element.ElementSchemaType, e.ElementSchemaType) || !SameConstraints(entry.Element, e))
                                    throw new NotCompilable();
                                entry.Targets.Add(to);
                            }
                            else
                                byName[key] = ([to], e);
                            break;
                        case XmlSchemaAny a:
                            if (wildcard is not null && !ReferenceEquals(wildcard, a))
                                throw new NotCompilable();
                            wildcard = a;
                            wildTargets.Add(to);
                            break;
                    }
                }
            }
            foreach (var (key, (targets, element)) in byName)
                state.Add(key.Item1, key.Item2, StateOf(Closure(nfa, targets)), element);
            if (wildcard is not null)
                state.Wildcard = (wildcard, StateOf(Closure(nfa, wildTargets)));
        }
        return first;
    }

    private static bool SameConstraints(XmlSchemaElement a, XmlSchemaElement b) =>
        a.FixedValue == b.FixedValue && a.IsNillable == b.IsNillable;

    private static SortedSet<int> Closure(Nfa nfa, IEnumerable<int> from)
    {
        var set = new SortedSet<int>();
        var stack = new Stack<int>(from);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (!set.Add(s))
                continue;
            foreach (var (to, label) in nfa.Edges[s])
            {
                if (label is null)
                    stack.Push(to);
            }
        }
        return set;
    }
}

internal static class SchemaObjects
{
    /// <summary>The target namespace of the schema document that declares the object (for ##other and ##targetNamespace).</summary>
    public static string? SourceSchemaTargetNamespace(this XmlSchemaObject o)
    {
        for (var p = o.Parent; p is not null; p = p.Parent)
        {
            if (p is XmlSchema schema)
                return schema.TargetNamespace ?? "";
        }
        return null;
    }
}
