using System.Text;
using System.Xml.Linq;
using Portique.Formats.Schematron;

namespace Portique.Formats.Tests.Schematron;

/// <summary>The XPath 2.0 subset the rule sets are run with, on the semantics their verdicts depend on.</summary>
public sealed class XPathTests
{
    private const string Doc = """
        <r xmlns="urn:t" xmlns:a="urn:a">
          <l id="1"><amount>10.005</amount><code>S</code></l>
          <l id="2"><amount>2.50</amount><code> S </code><empty/></l>
          <l id="3"><amount>abc</amount><code>E</code><blank>  </blank></l>
          <a:x>1</a:x>
        </r>
        """;

    private static object? Eval(string xpath, string xml = Doc)
    {
        var tree = XmlTree.Parse(Encoding.UTF8.GetBytes(xml));
        var ns = new Dictionary<string, string> { ["t"] = "urn:t", ["a"] = "urn:a", ["xs"] = XPathFunctions.XsNamespace };
        var expr = XPathParser.Parse(xpath, ns, new XPathFunctions());
        return expr.Eval(new XPathContext(tree, _ => null) { Item = tree.Root });
    }

    private static string Str(string xpath) => XPathValues.String(Eval(xpath));

    [Theory]
    [InlineData("count(//t:l)", "3")]
    [InlineData("count(/t:r/t:l[t:code = 'S'])", "1")]
    [InlineData("count(/t:r/t:l[normalize-space(t:code) = 'S'])", "2")]
    [InlineData("string(/t:r/t:l[2]/@id)", "2")]
    [InlineData("string((//t:l)[last()]/@id)", "3")]
    [InlineData("string(//t:l[t:code='E']/preceding-sibling::t:l[1]/@id)", "2")]
    [InlineData("string(//t:empty/ancestor::t:l/@id)", "2")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-2")]
    [InlineData("round(xs:decimal('1.005') * 100) div 100", "1.01")]
    [InlineData("sum(//t:l[position() < 3]/t:amount)", "12.505")]
    [InlineData("string-length(substring-after(//t:l[1]/t:amount, '.'))", "3")]
    [InlineData("upper-case('vat')", "VAT")]
    [InlineData("string-join(tokenize('a  b c', '\\s+'), '-')", "a-b-c")]
    [InlineData("count(distinct-values(('S', 'S', 'E')))", "2")]
    [InlineData("if (//t:l[9]) then 'yes' else 'no'", "no")]
    [InlineData("string(every $l in //t:l satisfies $l/@id)", "true")]
    [InlineData("string(some $c in //t:code satisfies $c = 'E')", "true")]
    [InlineData("string(for $i in (1, 2) return $i * 2)", "2")]
    [InlineData("count(//t:l[t:code = ('S', 'E')])", "2")]
    [InlineData("count(//*[not(*) and not(normalize-space())])", "2")]
    [InlineData("local-name(//a:x)", "x")]
    [InlineData("substring('12345', 2, 3)", "234")]
    [InlineData("string(matches('20261102', '^20\\d{2}(0[1-9]|1[0-2])'))", "true")]
    public void Evaluates_as_xpath_2(string xpath, string expected) => Assert.Equal(expected, Str(xpath));

    [Fact]
    public void An_untyped_value_compared_with_a_number_is_cast_to_double()
    {
        Assert.Equal(true, Eval("//t:l[2]/t:amount = 2.5"));
        Assert.Equal(false, Eval("//t:l[2]/t:amount = '2.5'"));
    }

    [Fact]
    public void A_failing_cast_is_a_dynamic_error_not_a_silent_false() =>
        Assert.Throws<XPathDynamicException>(() => Eval("xs:decimal(//t:l[3]/t:amount) > 0"));

    [Theory]
    [InlineData("count(")]
    [InlineData("unknown-function(1)")]
    [InlineData("p:undeclared")]
    [InlineData("1 instance of xs:integer")]
    public void Anything_outside_the_subset_is_refused_when_compiled(string xpath) =>
        Assert.Throws<XPathCompileException>(() => Eval(xpath));

    private static List<Finding> Run(string schema, string xml = Doc)
    {
        var set = SchematronSet.Load("test", XDocument.Parse(schema), _ => null);
        var findings = new List<Finding>();
        set.Run(XmlTree.Parse(Encoding.UTF8.GetBytes(xml)), findings);
        return findings;
    }

    [Fact]
    public void A_node_fires_only_the_first_rule_it_matches_in_a_pattern()
    {
        var findings = Run("""
            <schema xmlns="http://purl.oclc.org/dsdl/schematron">
              <ns prefix="t" uri="urn:t"/>
              <pattern>
                <rule context="t:l[@id='1']"><assert id="FIRST" test="false()">first <value-of select="@id"/></assert></rule>
                <rule context="t:l"><assert id="SECOND" test="false()">second</assert></rule>
              </pattern>
              <pattern>
                <rule context="t:l"><report id="OTHER" flag="warning" test="t:code = 'E'">other pattern</report></rule>
              </pattern>
            </schema>
            """);

        Assert.Equal(["FIRST", "SECOND", "SECOND", "OTHER"], findings.Select(f => f.Rule));
        Assert.Equal("first 1", findings[0].Message);
        Assert.Equal("/r/l[1]", findings[0].Location);
        Assert.Equal(Severity.Warning, findings[3].Severity);
    }

    [Fact]
    public void An_assert_that_cannot_be_evaluated_fails_closed()
    {
        var findings = Run("""
            <schema xmlns="http://purl.oclc.org/dsdl/schematron">
              <ns prefix="t" uri="urn:t"/>
              <pattern><rule context="t:l"><assert id="DEC" test="xs:decimal(t:amount) >= 0">amount</assert></rule></pattern>
            </schema>
            """);

        var finding = Assert.Single(findings);
        Assert.Equal(("DEC", Severity.Fatal), (finding.Rule, finding.Severity));
        Assert.Contains("pas pu être évaluée", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_declared_by_a_rule_set_run_with_xslt_conversions()
    {
        var findings = Run("""
            <schema xmlns="http://purl.oclc.org/dsdl/schematron" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:c="urn:c">
              <ns prefix="t" uri="urn:t"/>
              <ns prefix="c" uri="urn:c"/>
              <xsl:function name="c:known" as="xs:boolean">
                <xsl:param name="code" as="xs:string?"/>
                <xsl:variable name="codes" select="'S E Z'"/>
                <xsl:sequence select="$code = tokenize($codes, '\s+')"/>
              </xsl:function>
              <pattern><rule context="t:l"><assert id="CODE" test="c:known(normalize-space(t:code))">code</assert></rule></pattern>
            </schema>
            """, Doc.Replace("<code>E</code>", "<code>X</code>", StringComparison.Ordinal));

        Assert.Equal("/r/l[3]", Assert.Single(findings).Location);
    }
}
