using CivilAffairs.Web.Kernel.Data;
using Microsoft.Extensions.Configuration;

namespace CivilAffairs.Tests.Kernel;

public sealed class ConfigurationTests
{
    private static IConfiguration With(string? provider) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = provider }).Build();

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData("postgresql", DatabaseProvider.Postgres)]
    public void Known_providers(string? value, DatabaseProvider expected) => Assert.Equal(expected, DatabaseProviders.From(With(value)));

    [Fact]
    public void A_misspelt_provider_stops_the_start_up_instead_of_falling_back_to_sqlite()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DatabaseProviders.From(With("Postgress")));
        Assert.Contains("Postgress", e.Message);
    }

    [Theory]
    [InlineData("张三", false)]
    [InlineData("𠮷野家", false)]      // a supplementary-plane character (surrogate pair) is fine
    [InlineData("张\u202E三", true)]   // right-to-left override
    [InlineData("张\u200B三", true)]   // zero-width space
    [InlineData("张\u0007三", true)]   // bell
    public void Invisible_characters_are_detected(string text, bool invisible) =>
        Assert.Equal(invisible, Validator.HasInvisibleCharacters(text));

    [Fact]
    public void An_unpaired_surrogate_is_detected() =>
        Assert.True(Validator.HasInvisibleCharacters("张" + (char)0xD800 + "三"));
}
