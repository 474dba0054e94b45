using System.Xml.Linq;
using static Portique.Formats.Schematron.XPathValues;

namespace Portique.Formats.Schematron;

/// <summary>
/// A function a rule set defines in XSLT (xsl:function with params, variables and one xsl:sequence), as the French rules
/// do for their formats and code lists: compiled like the rules and run with XSLT's conversions (an xs:string? parameter
/// takes the string value of at most one item; an xs:boolean result is the effective boolean value).
/// </summary>
internal sealed class UserFunction
{
    private static readonly XNamespace Xsl = "http://www.w3.org/1999/XSL/Transform";

    private readonly (string Name, string Type)[] _parameters;
    private (string Name, Expr Value)[] _variables = [];
    private Expr? _result;
    private readonly string _resultType;
    private readonly string _name;

    private UserFunction(string name, (string, string)[] parameters, string resultType)
    {
        _name = name;
        _parameters = parameters;
        _resultType = resultType;
    }

    /// <summary>Registers every xsl:function of the schema, then compiles their bodies (they may call one another).</summary>
    public static void DeclareAll(XElement schema, Dictionary<string, string> namespaces, XPathFunctions functions,
        Func<string?, XElement, IReadOnlyDictionary<string, object?>?, Expr> compile)
    {
        var declared = new List<(UserFunction Function, XElement Element)>();
        foreach (var element in schema.Elements(Xsl + "function"))
        {
            var qname = (string)element.Attribute("name")!;
            var colon = qname.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !namespaces.TryGetValue(qname[..colon], out var ns))
            {
                throw new XPathCompileException($"function {qname} has no declared namespace");
            }
            var parameters = element.Elements(Xsl + "param").Select(p => ((string)p.Attribute("name")!, (string?)p.Attribute("as") ?? "item()*")).ToArray();
            var function = new UserFunction(qname, parameters, (string?)element.Attribute("as") ?? "item()*");
            functions.Register(ns, qname[(colon + 1)..], parameters.Length, numeric: false, function.Invoke);
            declared.Add((function, element));
        }
        foreach (var (function, element) in declared)
        {
            // Variables that do not depend on the parameters (code lists) are computed once and inlined.
            var constants = new Dictionary<string, object?>();
            var variables = new List<(string, Expr)>();
            foreach (var variable in element.Elements(Xsl + "variable"))
            {
                var name = (string)variable.Attribute("name")!;
                var value = compile((string?)variable.Attribute("select"), variable, constants);
                if (value is LiteralExpr literal)
                {
                    constants[name] = literal.Value;
                }
                else
                {
                    variables.Add((name, value));
                }
            }
            function._variables = [.. variables];
            var sequence = element.Elements(Xsl + "sequence").SingleOrDefault()
                ?? throw new XPathCompileException($"function {function._name} has no single xsl:sequence");
            function._result = compile((string?)sequence.Attribute("select"), sequence, constants);
        }
    }

    private object? Invoke(XPathContext caller, object?[] args)
    {
        // A function sees its parameters and its own variables only, and has no focus.
        var c = new XPathContext(caller.Tree, caller.Documents);
        for (var i = 0; i < _parameters.Length; i++)
        {
            c.Variables[_parameters[i].Name] = Convert(args[i], _parameters[i].Type);
        }
        foreach (var (name, value) in _variables)
        {
            c.Variables[name] = value.Eval(c);
        }
        var result = _result!.Eval(c);
        return _resultType == "xs:boolean" ? Boolean(result) : result;
    }

    private object? Convert(object? value, string type)
    {
        if (!type.StartsWith("xs:string", StringComparison.Ordinal))
        {
            return value;
        }
        return Count(value) switch
        {
            0 => null,
            1 => String(Atomize(Item(value, 0))),
            _ => throw new XPathDynamicException($"{_name} expects one value and got {Count(value)}"),
        };
    }
}
