using NetArchTest.Rules;

namespace Portique.Tests.Architecture;

/// <summary>The module boundaries of docs/architecture.md, checked on the compiled assemblies.</summary>
public sealed class ModuleDependencyTests
{
    private static readonly System.Reflection.Assembly Core = typeof(Portique.PortiqueModules).Assembly;

    [Fact]
    public void The_invoice_engine_depends_on_nothing_of_the_portal()
    {
        var formats = System.Reflection.Assembly.Load("Portique.Formats");
        var referenced = formats.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("Portique", referenced);
        Assert.DoesNotContain(referenced, n => n!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Organisation_is_a_foundation_and_depends_on_no_later_module()
    {
        var result = Types.InAssembly(Core).That().ResideInNamespaceStartingWith("Portique.Organisation")
            .ShouldNot().HaveDependencyOnAny("Portique.Approvals", "Portique.Connections", "Portique.Invoicing", "Portique.Refunds", "Portique.Migration", "Portique.Statistics", "Portique.News")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Common_depends_on_no_feature_module_but_the_account_and_structure_model()
    {
        // PortiqueDb is the one composition point: the single DbContext names every module's entities by design.
        var result = Types.InAssembly(Core).That().ResideInNamespaceStartingWith("Portique.Common")
            .And().DoNotHaveName("PortiqueDb")
            .ShouldNot().HaveDependencyOnAny("Portique.Approvals", "Portique.Connections", "Portique.Invoicing", "Portique.Refunds", "Portique.Migration", "Portique.Statistics", "Portique.News", "Portique.Demo")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Use_case_handlers_are_sealed()
    {
        var result = Types.InAssembly(Core).That().HaveNameEndingWith("Handler").And().AreClasses().Should().BeSealed().GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
