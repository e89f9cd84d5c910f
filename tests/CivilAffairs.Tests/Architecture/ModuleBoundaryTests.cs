using System.Reflection;
using NetArchTest.Rules;

namespace CivilAffairs.Tests.Architecture;

/// <summary>
/// The modular-monolith rules: the kernel knows no module and no page; a module (namespace
/// CivilAffairs.Web.Areas.&lt;Module&gt;) uses another module only through that module's public entry point
/// (&lt;Module&gt;Module) or its Contracts namespace.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;

    [Fact]
    public void The_kernel_depends_on_no_module_and_no_page()
    {
        var result = Types.InAssembly(Web).That().ResideInNamespace("CivilAffairs.Web.Kernel")
            .ShouldNot().HaveDependencyOnAny("CivilAffairs.Web.Areas", "CivilAffairs.Web.Pages").GetResult();
        Assert.True(result.IsSuccessful, "Kernel types depending on modules or pages: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Modules_do_not_reach_into_each_others_internals()
    {
        var modules = Web.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("CivilAffairs.Web.Areas.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[3]).Distinct().ToList();
        foreach (var module in modules)
        {
            var others = modules.Where(m => m != module).ToList();
            if (others.Count == 0) continue;
            var forbidden = others.SelectMany(o => new[] { $"CivilAffairs.Web.Areas.{o}.Domain", $"CivilAffairs.Web.Areas.{o}.Features", $"CivilAffairs.Web.Areas.{o}.Api", $"CivilAffairs.Web.Areas.{o}.Pages" }).ToArray();
            var result = Types.InAssembly(Web).That().ResideInNamespace($"CivilAffairs.Web.Areas.{module}")
                .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
            Assert.True(result.IsSuccessful, $"{module} uses internals of another module: " + string.Join(", ", result.FailingTypeNames ?? []));
        }
    }

    [Fact]
    public void Every_entity_with_a_division_code_is_scoped_and_audited()
    {
        var scoped = Web.GetTypes().Where(t => t.IsClass && typeof(CivilAffairs.Web.Kernel.Data.IDivisionScoped).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(scoped);
        Assert.All(scoped, t => Assert.True(typeof(CivilAffairs.Web.Kernel.Auditing.IAudited).IsAssignableFrom(t), $"{t.Name} is scoped but not audited"));
    }
}
