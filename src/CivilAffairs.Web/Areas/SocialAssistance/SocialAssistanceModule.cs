using CivilAffairs.Web.Areas.SocialAssistance.Api;
using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Api;
using CivilAffairs.Web.Kernel.Security;

namespace CivilAffairs.Web.Areas.SocialAssistance;

/// <summary>
/// Social assistance (社会救助): dibao and destitute-support applications with electronic review, public notice,
/// enrolled cases.
/// </summary>
public static class SocialAssistanceModule
{
    /// <summary>Staff who work on applications (each action checks its own role further).</summary>
    public const string Staff = "social-assistance";
    /// <summary>Who may settle medical bills: hospitals' billing systems and district staff.</summary>
    public const string Settlement = "medical-settlement";

    public static IServiceCollection AddSocialAssistance(this IServiceCollection services)
    {
        services.AddSingleton<PolicyProvider>();
        services.AddScoped<Applications>();
        services.AddScoped<PublicNotices>();
        services.AddScoped<Rosters>();
        services.AddScoped<PublishedRosters>();
        services.AddScoped<Kernel.Jobs.IJobHandler, RosterJob>();
        services.AddScoped<MedicalSettlements>();
        services.AddScoped<Cases>();
        services.AddScoped<OnlineRequests>();
        services.AddScoped<AidPackages>();
        services.AddScoped<Contracts.IAssistanceRecipients, AssistanceRecipientsContract>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.DistrictStaff, Roles.DistrictApprover, Roles.StreetReviewer, Roles.CommunityCaseworker, Roles.Leader))
            .AddPolicy(Settlement, p => p.RequireRole(Roles.MedicalInstitution, Roles.DistrictStaff, Roles.Admin));
        return services;
    }

    public static void MapSocialAssistance(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        app.MapApiV1("/medical-assistance", Settlement).MapMedicalAssistanceApi();
        api.MapSocialAssistanceApi();
        api.MapRostersApi();
        api.MapCasesApi();
        api.MapOnlineRequestsApi();
        api.MapAidPackagesApi();
        api.MapPublicNoticesApi();
    }
}
