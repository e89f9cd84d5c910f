using CivilAffairs.Web.Kernel.Registry;

namespace CivilAffairs.Tests.Kernel;

public sealed class CitizenIdTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Theory]
    [InlineData("11010519491231002X", "1949-12-31", Gender.Female)]
    [InlineData("440524188001010014", "1880-01-01", Gender.Male)]
    [InlineData("11010519491231002x", "1949-12-31", Gender.Female)]
    public void Standard_vectors_are_valid(string input, string birth, Gender gender)
    {
        Assert.True(CitizenId.TryParse(input, Today, out var id, out var error), error);
        Assert.Equal(input.ToUpperInvariant(), id.Value);
        Assert.Equal(DateOnly.Parse(birth), id.BirthDate);
        Assert.Equal(gender, id.Gender);
    }

    [Fact]
    public void Check_character_is_computed_per_the_standard()
    {
        Assert.Equal('X', CitizenId.ComputeCheckCharacter("11010519491231002"));
        Assert.Equal('4', CitizenId.ComputeCheckCharacter("44052418800101001"));
    }

    [Theory]
    [InlineData("110105194912310021", "校验位")]
    [InlineData("440524188001010013", "校验位")]
    [InlineData("11010519491231002", "18 位")]
    [InlineData("1101051949123100XX", "前 17 位")]
    [InlineData("110105194902300029", "不存在")]   // 30 February
    [InlineData("110105209912310023", "晚于今天")]  // born in 2099
    [InlineData("", "18 位")]
    public void Wrong_numbers_are_refused_with_a_reason(string input, string reason)
    {
        Assert.False(CitizenId.TryParse(input, Today, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Fifteen_digit_numbers_convert_to_eighteen()
    {
        // 15-digit form of 11010519491231002X: drop "19" and the check character.
        Assert.True(CitizenId.TryParse("110105491231002", Today, out var id, out var error), error);
        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal(Gender.Female, id.Gender);
    }

    [Fact]
    public void Age_counts_whole_years()
    {
        var birth = new DateOnly(2000, 11, 29);
        Assert.Equal(25, CitizenId.AgeOn(birth, new DateOnly(2026, 11, 28)));
        Assert.Equal(26, CitizenId.AgeOn(birth, new DateOnly(2026, 11, 29)));
    }
}
