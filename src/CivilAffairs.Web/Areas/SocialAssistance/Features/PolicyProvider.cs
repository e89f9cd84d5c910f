using CivilAffairs.Web.Areas.SocialAssistance.Domain;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

/// <summary>The configured policies (<c>SocialAssistance:Policies</c>), or the documented defaults; checked at start-up.</summary>
public sealed class PolicyProvider(IConfiguration config)
{
    public PolicyBook Book { get; } = Build(config);

    private static PolicyBook Build(IConfiguration config)
    {
        var configured = config.GetSection("SocialAssistance:Policies").Get<List<AssistancePolicy>>();
        return configured is { Count: > 0 } ? new PolicyBook(configured) : PolicyBook.Default;
    }

    public AssistancePolicy For(string divisionCode, DateOnly date) => Book.For(divisionCode, date);
}
