using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Schema;

namespace Portique.Formats.Xml.Compiled;

/// <summary>What an element of a type may hold, compiled once: its attributes, its text type, the automaton of its children.</summary>
internal sealed class TypeModel
{
    public required XmlSchemaContentType Content { get; init; }
    /// <summary>The type of the text (simple types and simple content); null for element-only, mixed and empty content.</summary>
    public XmlSchemaDatatype? Text { get; init; }
    /// <summary>The text type takes every string (a string type without facets): no value to parse.</summary>
    public bool AnyText { get; init; }
    public ContentState? Children { get; init; }
    public Dictionary<(string Ns, string Local), (XmlSchemaAttribute Attribute, bool AnyText)> Attributes { get; init; } = [];
    public XmlSchemaAttribute[] Required { get; init; } = [];
    /// <summary>Set when the type holds something this checker leaves to the framework (a reason, for tests and traces).</summary>
    public string? NotCompilable { get; init; }
}

/// <summary>
/// An <see cref="XmlSchemaSet"/> compiled for <see cref="CheckingReader"/>: the global elements and, lazily, one
/// <see cref="TypeModel"/> per type met. Built once per schema set and shared by every thread.
/// </summary>
internal sealed class CompiledSchema
{
    private static readonly ConditionalWeakTable<XmlSchemaSet, CompiledSchema> BySet = new();
    private readonly XmlSchemaSet _set;
    private readonly ConcurrentDictionary<XmlSchemaType, TypeModel> _types = new();

    private CompiledSchema(XmlSchemaSet set) => _set = set;

    public static CompiledSchema For(XmlSchemaSet set) => BySet.GetValue(set, s => new CompiledSchema(s));

    public XmlSchemaElement? Root(string ns, string local) => _set.GlobalElements[new XmlQualifiedName(local, ns)] as XmlSchemaElement;

    public TypeModel Model(XmlSchemaType type) => _types.GetOrAdd(type, Compile);

    private static TypeModel Compile(XmlSchemaType type)
    {
        if (type is XmlSchemaSimpleType simple)
            return new TypeModel { Content = XmlSchemaContentType.TextOnly, Text = Checkable(simple.Datatype) ? simple.Datatype : null, AnyText = TakesAnyString(simple),
                NotCompilable = Checkable(simple.Datatype) ? null : $"text of type {simple.Datatype?.TypeCode}" };
        var complex = (XmlSchemaComplexType)type;
        string? reason = complex.IsAbstract ? "abstract type" : null;
        if (complex.AnyAttribute is not null)
            reason ??= "attribute wildcard";
        var attributes = new Dictionary<(string, string), (XmlSchemaAttribute, bool)>();
        var required = new List<XmlSchemaAttribute>();
        foreach (XmlSchemaAttribute attribute in complex.AttributeUses.Values)
        {
            if (attribute.Use == XmlSchemaUse.Prohibited)
                continue;
            if (!Checkable(attribute.AttributeSchemaType?.Datatype))
                reason ??= $"attribute {attribute.QualifiedName}";
            attributes[(attribute.QualifiedName.Namespace, attribute.QualifiedName.Name)] = (attribute, TakesAnyString(attribute.AttributeSchemaType));
            if (attribute.Use == XmlSchemaUse.Required)
                required.Add(attribute);
        }
        ContentState? children = null;
        XmlSchemaDatatype? text = null;
        switch (complex.ContentType)
        {
            case XmlSchemaContentType.TextOnly:
                text = complex.Datatype;
                if (!Checkable(text))
                    reason ??= $"text of type {text?.TypeCode}";
                break;
            case XmlSchemaContentType.ElementOnly or XmlSchemaContentType.Mixed:
                children = ContentModel.Compile(complex.ContentTypeParticle);
                if (children is null)
                    reason ??= "content model";
                break;
        }
        return new TypeModel { Content = complex.ContentType, Text = text, AnyText = text is not null && TakesAnyString(complex), Children = children, Attributes = attributes, Required = [.. required], NotCompilable = reason };
    }

    /// <summary>
    /// Whether every string is a valid value: a string, normalizedString or token restricted by nothing but whitespace
    /// facets, through simple types and simple content alike. Most of UBL's and CII's texts are such; they need no parse.
    /// </summary>
    private static bool TakesAnyString(XmlSchemaType? type)
    {
        for (var t = type; t is not null; t = t.BaseXmlSchemaType)
        {
            if (t.QualifiedName.Namespace == XmlSchema.Namespace)
                return t.TypeCode is XmlTypeCode.String or XmlTypeCode.NormalizedString or XmlTypeCode.Token;
            var onlyWhitespaceFacets = t switch
            {
                XmlSchemaSimpleType { Content: XmlSchemaSimpleTypeRestriction r } => r.Facets.OfType<XmlSchemaFacet>().All(f => f is XmlSchemaWhiteSpaceFacet),
                XmlSchemaComplexType { ContentModel: XmlSchemaSimpleContent { Content: XmlSchemaSimpleContentRestriction r } } => r.Facets.OfType<XmlSchemaFacet>().All(f => f is XmlSchemaWhiteSpaceFacet),
                XmlSchemaComplexType { ContentModel: XmlSchemaSimpleContent { Content: XmlSchemaSimpleContentExtension } } => true,
                _ => false, // a list, a union, or not text at all
            };
            if (!onlyWhitespaceFacets)
                return false;
        }
        return false;
    }

    // Identifiers and references (checked across the document), qualified names and notations (need the document's
    // namespaces) and lists of them are left to the framework's validator.
    private static bool Checkable(XmlSchemaDatatype? datatype) =>
        datatype is not null && datatype.TypeCode is not (XmlTypeCode.Id or XmlTypeCode.Idref or XmlTypeCode.QName or XmlTypeCode.Notation or XmlTypeCode.Entity)
        && datatype.Variety == XmlSchemaDatatypeVariety.Atomic;
}
