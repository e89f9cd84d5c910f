using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Security;

namespace CivilAffairs.Tests.Kernel;

public sealed class DivisionCodeTests
{
    [Theory]
    [InlineData("420202000000", DivisionLevel.District, "420202")]
    [InlineData("420202070000", DivisionLevel.Street, "420202070")]
    [InlineData("420202070004", DivisionLevel.Community, "420202070004")]
    public void Levels_and_scope_prefixes(string code, DivisionLevel level, string prefix)
    {
        Assert.Equal(level, DivisionCode.LevelOf(code));
        Assert.Equal(prefix, DivisionCode.ScopePrefix(code));
    }

    [Fact]
    public void Parents_follow_the_code_structure()
    {
        Assert.Equal("420202070000", DivisionCode.ParentOf("420202070004"));
        Assert.Equal("420202000000", DivisionCode.ParentOf("420202070000"));
        Assert.Null(DivisionCode.ParentOf("420202000000"));
    }

    [Theory]
    [InlineData("420202000000", "420202070004", true)]
    [InlineData("420202070000", "420202070004", true)]
    [InlineData("420202070000", "420202001004", false)]
    [InlineData("420202070004", "420202070004", true)]
    [InlineData("420202070004", "420202070005", false)]
    [InlineData("420202070004", "42020207000", false)]
    public void Scoping_is_by_prefix(string scope, string code, bool inside) =>
        Assert.Equal(inside, DivisionCode.Contains(scope, code));

    [Theory]
    [InlineData("42020207000")]
    [InlineData("4202020700041")]
    [InlineData("42020207000A")]
    [InlineData("000000070004")]
    public void Malformed_codes_are_rejected(string code) => Assert.False(DivisionCode.IsWellFormed(code));

    [Fact]
    public void A_caseworker_scope_excludes_other_communities_and_anonymous_sees_nothing()
    {
        var user = new CurrentUser();
        user.ActAs("u1", "cw", "420202070004", [Roles.CommunityCaseworker]);
        var scope = new DivisionScope(user);
        Assert.True(scope.Contains("420202070004"));
        Assert.False(scope.Contains("420202070001"));

        var anonymous = new DivisionScope(new CurrentUser());
        Assert.Equal(DivisionScope.Nothing, anonymous.Prefix);
        Assert.False(anonymous.Contains("420202070004"));
    }

    [Fact]
    public void Pii_is_masked_in_the_documented_shape()
    {
        Assert.Equal("420202********1234", PiiMask.IdNumber("420202199001011234"));
        Assert.Equal("138****5678", PiiMask.Phone("13812345678"));
        Assert.Equal("", PiiMask.Phone(null));
        Assert.Equal("6222********0001", PiiMask.BankAccount("6222020000000001"));
        Assert.Equal("张*", PiiMask.PublicName("张三"));
        Assert.Equal("欧**明", PiiMask.PublicName("欧阳小明"));
        Assert.Equal("420*************34", PiiMask.PublicIdNumber("420202199001011234"));
    }
}
