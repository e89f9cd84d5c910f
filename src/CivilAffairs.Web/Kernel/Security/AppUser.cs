using Microsoft.AspNetCore.Identity;

namespace CivilAffairs.Web.Kernel.Security;

/// <summary>A staff account, bound to one division whose subtree it may see.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string DivisionCode { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string Admin = "admin";
    public const string DistrictStaff = "district-staff";
    public const string DistrictApprover = "district-approver";
    public const string StreetReviewer = "street-reviewer";
    public const string CommunityCaseworker = "community-caseworker";
    public const string Leader = "leader";
    /// <summary>A designated hospital's billing system (定点医疗机构): submits bills for settlement, sees only its own settlements.</summary>
    public const string MedicalInstitution = "medical-institution";

    public static readonly string[] All = [Admin, DistrictStaff, DistrictApprover, StreetReviewer, CommunityCaseworker, Leader, MedicalInstitution];

    /// <summary>The civil-affairs staff: every role but the hospitals' API accounts, which reach only the settlement API.</summary>
    public static readonly string[] Staff = [Admin, DistrictStaff, DistrictApprover, StreetReviewer, CommunityCaseworker, Leader];

    /// <summary>Roles that may change registry data (people, households).</summary>
    public const string RegistryEditors = Admin + "," + DistrictStaff + "," + StreetReviewer + "," + CommunityCaseworker;

    /// <summary>Roles that may see a full ID or phone number on a detail page (each view is audited).</summary>
    public static readonly string[] MayRevealPersonalData = [Admin, DistrictStaff, DistrictApprover, StreetReviewer, CommunityCaseworker];

    public static string DisplayName(string role) => role switch
    {
        Admin => "系统管理员",
        DistrictStaff => "区民政局工作人员",
        DistrictApprover => "区级审批人",
        StreetReviewer => "街道审核人",
        CommunityCaseworker => "社区工作人员",
        Leader => "领导（只读）",
        MedicalInstitution => "定点医疗机构",
        _ => role,
    };

    /// <summary>The level of division each role is bound to.</summary>
    public static Divisions.DivisionLevel RequiredLevel(string role) => role switch
    {
        StreetReviewer => Divisions.DivisionLevel.Street,
        CommunityCaseworker => Divisions.DivisionLevel.Community,
        _ => Divisions.DivisionLevel.District,
    };
}

public static class Policies
{
    public const string Staff = "staff";
    public const string RegistryEdit = "registry-edit";
    public const string AdminOnly = "admin-only";
    public const string Api = "api";
}
