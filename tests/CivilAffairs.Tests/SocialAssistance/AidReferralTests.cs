using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Tests.SocialAssistance;

/// <summary>Which add-on aid stacks on which base programme, and the department's answer.</summary>
public sealed class AidReferralTests
{
    private const int ThisMonth = 202612;
    private static readonly DateOnly Today = new(2026, 12, 10);

    private static AssistanceCase Case(Programme programme, int startMonth = 202612)
    {
        var c = new AssistanceCase(programme, AreaKind.Urban, 1, "420202070001", 1, programme == Programme.Hardship ? 0 : 48_000, startMonth, "户主",
            null, "6222020000000001", Today.AddMonths(12), [new CaseMember(10, "420202199001011234", "户主")], DateTime.UtcNow);
        if (programme == Programme.Hardship) c.Recognised(12, "认定");
        if (programme == Programme.Temporary) c.PayOnce("一次性");
        return c;
    }

    private static readonly AidCandidate Student = new(10, "小明", 14, false);
    private static readonly AidCandidate Worker = new(10, "户主", 45, false);

    [Fact]
    public void Each_aid_stacks_only_on_its_base_programmes()
    {
        Assert.Null(AidEligibility.WhyNot(AidKind.Education, Case(Programme.Dibao), Student, SchoolStage.Compulsory, ThisMonth));
        Assert.Null(AidEligibility.WhyNot(AidKind.Education, Case(Programme.Destitute), Student, SchoolStage.Compulsory, ThisMonth));
        Assert.Null(AidEligibility.WhyNot(AidKind.Education, Case(Programme.Hardship), Student, SchoolStage.Compulsory, ThisMonth));
        Assert.Null(AidEligibility.WhyNot(AidKind.Housing, Case(Programme.Destitute), Worker, null, ThisMonth));
        Assert.Null(AidEligibility.WhyNot(AidKind.Employment, Case(Programme.Dibao), Worker, null, ThisMonth));
        Assert.Contains("须以最低生活保障、特困人员救助供养为基础", AidEligibility.WhyNot(AidKind.Housing, Case(Programme.Hardship), Worker, null, ThisMonth));
        Assert.Contains("须以最低生活保障为基础", AidEligibility.WhyNot(AidKind.Employment, Case(Programme.Destitute), Worker, null, ThisMonth));
        // a temporary grant is no base at all
        Assert.Contains("不在保障期内", AidEligibility.WhyNot(AidKind.Education, Case(Programme.Temporary), Student, SchoolStage.Compulsory, ThisMonth));
    }

    [Fact]
    public void The_member_must_fit_the_aid()
    {
        Assert.Contains("学段", AidEligibility.WhyNot(AidKind.Education, Case(Programme.Dibao), Student, null, ThisMonth));
        Assert.Contains("未到入学年龄", AidEligibility.WhyNot(AidKind.Education, Case(Programme.Dibao), Student with { Age = 2 }, SchoolStage.Preschool, ThisMonth));
        Assert.Contains("16–59 岁", AidEligibility.WhyNot(AidKind.Employment, Case(Programme.Dibao), Student, null, ThisMonth));
        Assert.Contains("16–59 岁", AidEligibility.WhyNot(AidKind.Employment, Case(Programme.Dibao), Worker with { Age = 60 }, null, ThisMonth));
        Assert.Contains("重度残疾", AidEligibility.WhyNot(AidKind.Employment, Case(Programme.Dibao), Worker with { SevereDisability = true }, null, ThisMonth));
        Assert.Null(AidEligibility.WhyNot(AidKind.Employment, Case(Programme.Dibao), Worker with { Age = 16 }, null, ThisMonth));
    }

    [Fact]
    public void Only_a_case_in_force_is_a_base()
    {
        var suspended = Case(Programme.Dibao);
        suspended.Suspend("street", DateTime.UtcNow, "外出务工，收入不明");
        Assert.Contains("不在保障期内", AidEligibility.WhyNot(AidKind.Education, suspended, Student, SchoolStage.Compulsory, ThisMonth));
        var exiting = Case(Programme.Dibao);
        exiting.StartGradualExit("street", DateTime.UtcNow, 202701, 3, "就业增收");
        Assert.Null(AidEligibility.WhyNot(AidKind.Education, exiting, Student, SchoolStage.Compulsory, ThisMonth));
        // a recognition of 12 months from 2026-01 ends with 2026-12: a base this month, not the next
        var hardship = Case(Programme.Hardship, 202601);
        Assert.Null(AidEligibility.WhyNot(AidKind.Education, hardship, Student, SchoolStage.HighSchool, 202612));
        Assert.Contains("不在保障期内", AidEligibility.WhyNot(AidKind.Education, hardship, Student, SchoolStage.HighSchool, 202701));
    }

    [Fact]
    public void A_recognition_or_a_one_off_grant_is_never_suspended_exited_gradually_or_given_an_amount()
    {
        var hardship = Case(Programme.Hardship, 202601);
        Assert.Contains("不能暂停", Assert.Throws<DomainException>(() => hardship.Suspend("street", DateTime.UtcNow, "外出")).Message);
        Assert.Contains("不能渐退", Assert.Throws<DomainException>(() => hardship.StartGradualExit("street", DateTime.UtcNow, 202701, 6, "增收")).Message);
        Assert.Equal("MonthlyAmountFen", Assert.Throws<DomainException>(() => hardship.Reviewed("street", DateTime.UtcNow, Today, Today.AddMonths(12), 10_000, "复核")).Field);
        Assert.Equal(202612, hardship.EndMonth); // untouched
        Assert.Equal("认定有效", hardship.DisplayStatus(202612));
        Assert.Equal("认定已到期", hardship.DisplayStatus(202701));
        var temporary = Case(Programme.Temporary);
        Assert.Contains("一次性", Assert.Throws<DomainException>(() => temporary.Suspend("street", DateTime.UtcNow, "外出")).Message);
        Assert.Equal("一次性发放", temporary.DisplayStatus(202612));
        hardship.Terminate("street", DateTime.UtcNow, 202606, "家庭收入增加，不再符合");
        Assert.Equal("已终止", hardship.DisplayStatus(202606));
    }

    [Fact]
    public void Ending_a_case_never_pays_it_longer_and_works_across_the_new_year()
    {
        // a one-off grant paid in 2026-12, ended in 2027-03: still paid once
        var grant = Case(Programme.Temporary, 202612);
        grant.Terminate("street", DateTime.UtcNow, 202703, "手续补齐后发现重复申请");
        Assert.Equal(202612, grant.EndMonth);
        Assert.False(grant.IsPayableIn(202701));
        // a recognition starting in January, ended in December (the household enrolled in dibao): never in force
        var recognition = Case(Programme.Hardship, 202701);
        recognition.Terminate("district", DateTime.UtcNow, CivilAffairs.Web.Kernel.Calendar.YearMonth.Before(202701), "已纳入最低生活保障");
        Assert.Equal(202612, recognition.EndMonth);
        Assert.Equal(202612, CivilAffairs.Web.Kernel.Calendar.YearMonth.Before(202701));
        Assert.Equal(202610, CivilAffairs.Web.Kernel.Calendar.YearMonth.Before(202611));
        // a dibao case starting in January may be ended in December (paid never), not before
        var dibao = Case(Programme.Dibao, 202701);
        Assert.Equal("LastPaidMonth", Assert.Throws<DomainException>(() => dibao.Terminate("street", DateTime.UtcNow, 202611, "误")).Field);
        dibao.Terminate("street", DateTime.UtcNow, 202612, "申请人撤回");
        Assert.False(dibao.IsPayableIn(202701));
    }

    private static AidReferral Referral() => new(AidKind.Education, Case(Programme.Dibao), 10, "420202199001011234", "小明", SchoolStage.Compulsory,
        "初二学杂费", "区教育局", Today, Today.AddDays(14), "cw", DateTime.UtcNow);

    [Fact]
    public void The_departments_answer_is_recorded_once_and_whole()
    {
        var r = Referral();
        Assert.Equal("Form", Assert.Throws<DomainException>(() => r.RecordOutcome(true, " ", 100_000, null, null, Today, null, "street", Today)).Field);
        Assert.Equal("AmountFen", Assert.Throws<DomainException>(() => r.RecordOutcome(true, "助学金", -1, null, null, Today, null, "street", Today)).Field);
        Assert.Equal("ToMonth", Assert.Throws<DomainException>(() => r.RecordOutcome(true, "助学金", 100_000, 202609, 202601, Today, null, "street", Today)).Field);
        Assert.Equal("FromMonth", Assert.Throws<DomainException>(() => r.RecordOutcome(true, "助学金", 100_000, 202613, null, Today, null, "street", Today)).Field);
        Assert.Equal("DecidedOn", Assert.Throws<DomainException>(() => r.RecordOutcome(true, "助学金", 100_000, null, null, Today.AddDays(1), null, "street", Today)).Field);
        Assert.Equal("DecidedOn", Assert.Throws<DomainException>(() => r.RecordOutcome(true, "助学金", 100_000, null, null, Today.AddDays(-1), null, "street", Today)).Field);
        Assert.Equal("Outcome", Assert.Throws<DomainException>(() => r.RecordOutcome(false, null, 0, null, null, Today, "", "street", Today)).Field);
        Assert.Equal(ReferralStatus.Referred, r.Status); // nothing taken from the refused attempts
        Assert.Null(r.Form);

        r.RecordOutcome(true, "助学金", 100_000, 202609, 202706, Today, "按学期发放", "street", Today);
        Assert.Equal(ReferralStatus.Granted, r.Status);
        Assert.Equal(100_000, r.AmountFen);
        Assert.Contains("已给予", Assert.Throws<DomainException>(() => r.RecordOutcome(false, null, 0, null, null, Today, "重复", "street", Today)).Message);
        Assert.Contains("不能撤回", Assert.Throws<DomainException>(() => r.Withdraw("不需要了", "cw")).Message);
    }

    [Fact]
    public void A_decline_needs_its_reason_and_aid_in_kind_has_no_amount()
    {
        var declined = Referral();
        declined.RecordOutcome(false, "忽略", 999, null, null, Today, "已享受国家助学金，不重复资助", "street", Today);
        Assert.Equal(ReferralStatus.Declined, declined.Status);
        Assert.Null(declined.Form);
        Assert.Equal(0, declined.AmountFen);
        var inKind = Referral();
        inKind.RecordOutcome(true, "公租房实物配租", 0, 202701, null, Today, null, "district", Today);
        Assert.Equal(0, inKind.AmountFen);
        var withdrawn = Referral();
        Assert.Equal("Outcome", Assert.Throws<DomainException>(() => withdrawn.Withdraw(" ", "cw")).Field);
        withdrawn.Withdraw("已转学外地", "cw");
        Assert.Equal(ReferralStatus.Withdrawn, withdrawn.Status);
    }
}
