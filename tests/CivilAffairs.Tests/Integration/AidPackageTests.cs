using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivilAffairs.Tests.Support;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Integration;

/// <summary>Add-on aids stacked on dibao as one household package: referrals to the departments, their answers, the package view.</summary>
public abstract class AidPackageTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    private static object Person(string id, string name, bool male = true) =>
        new { idNumber = id, name, gender = male ? "男" : "女", divisionCode = TestData.Damatou, phone = "13800138000", ethnicity = "汉族" };

    /// <summary>A dibao household in 大码头: the head (45), the spouse (43) and a child of 14.</summary>
    private async Task<(int CaseId, int HouseholdId, int Head, int Child, string HeadIdNumber)> DibaoFamilyAsync()
    {
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var today = DateOnly.FromDateTime(DateTime.Today);
        var headId = TestData.NewIdBorn(today.AddYears(-45).AddDays(-10));
        var members = new object[]
        {
            new { relationship = "Head", person = Person(headId, "户主乙") },
            new { relationship = "Spouse", person = Person(TestData.NewIdBorn(today.AddYears(-43).AddDays(-10), male: false), "配偶乙", male: false) },
            new { relationship = "Child", person = Person(TestData.NewIdBorn(today.AddYears(-14).AddDays(-10)), "学生乙") },
        };
        var household = await (await caseworker.PostJsonAsync("/api/v1/households", new { divisionCode = TestData.Damatou, address = "湖滨路 2 号", members }))
            .JsonAsync(HttpStatusCode.Created);
        var householdId = household.GetProperty("id").GetInt32();
        var people = await App.QueryAsync(db => db.Persons.Where(p => p.HouseholdId == householdId).Select(p => new { p.Id, p.IdNumber, p.Name }).ToListAsync());
        var caseId = await App.QueryAsync(async db =>
        {
            var c = new AssistanceCase(Programme.Dibao, AreaKind.Urban, householdId, TestData.Damatou, -householdId, 90_000, 202601, "户主乙", "工商银行",
                "6222020000000199", today.AddMonths(12), people.Select(p => new CaseMember(p.Id, p.IdNumber, p.Name)).ToList(), DateTime.UtcNow);
            db.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        return (caseId, householdId, people.Single(p => p.Name == "户主乙").Id, people.Single(p => p.Name == "学生乙").Id, headId);
    }

    private static IEnumerable<string?> Suggestions(JsonElement package, int personId) => package.GetProperty("members").EnumerateArray()
        .Single(m => m.GetProperty("personId").GetInt32() == personId).GetProperty("canBeReferredFor").EnumerateArray().Select(s => s.GetProperty("kind").GetString());

    [SkippableFact]
    public async Task Add_on_aids_are_referred_answered_and_shown_in_the_household_package()
    {
        var (caseId, householdId, head, child, headIdNumber) = await DibaoFamilyAsync();
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var package = await (await caseworker.GetAsync($"/api/v1/social-assistance/households/{householdId}/package")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(caseId, package.GetProperty("bases")[0].GetProperty("caseId").GetInt32());
        Assert.Equal(["Education", "Housing"], Suggestions(package, child));           // too young for employment
        Assert.Equal(["Housing", "Employment"], Suggestions(package, head));           // 45: past school age
        Assert.Equal(3 * 10_000, package.GetProperty("premiumThisYearFen").GetInt64()); // dibao: the fixed premium subsidy each
        Assert.Equal(3_000_000, package.GetProperty("members")[0].GetProperty("medicalCapFen").GetInt64());

        // Bad input: nothing is saved.
        const string url = "/api/v1/social-assistance/referrals";
        await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = child, kind = "Pension", need = "养老" })).ProblemAsync("Kind", "请选择专项救助类别");
        await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = child, kind = "Education", schoolStage = "Compulsory" })).ProblemAsync("Need", "救助需求");
        await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = child, kind = "Education", need = "学杂费" })).ProblemAsync("SchoolStage", "学段");
        await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = child, kind = "Employment", need = "找工作" })).ProblemAsync("CaseId", "16–59 岁");
        await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = 999_999, kind = "Housing", need = "租房" })).ProblemAsync("PersonId", "不是案件");
        Assert.Equal(0, await App.QueryAsync(db => db.Set<AidReferral>().CountAsync(r => r.HouseholdId == householdId)));
        // another community sees neither the case nor the household
        var outsider = await App.ApiAsAsync("cw.tianfang");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync(url, new { caseId, personId = child, kind = "Housing", need = "租房" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/social-assistance/households/{householdId}/package")).StatusCode);

        var education = await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = child, kind = "Education", schoolStage = "Compulsory", need = "就读初二，需生活补助" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("区教育局", education.GetProperty("department").GetString());
        Assert.Equal("Referred", education.GetProperty("status").GetString());
        Assert.True(DateOnly.Parse(education.GetProperty("dueOn").GetString()!) > DateOnly.FromDateTime(DateTime.Today));
        Assert.DoesNotContain(headIdNumber, education.ToString());
        await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = child, kind = "Education", schoolStage = "Compulsory", need = "再次" }))
            .ProblemAsync("Kind", "已有办理中的教育救助转办");
        var employment = await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = head, kind = "Employment", need = "失业，希望公益性岗位" })).JsonAsync(HttpStatusCode.Created);

        // The answers: recorded by the street (not the community); a stale second answer loses.
        var educationId = education.GetProperty("id").GetInt32();
        var version = education.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync($"{url}/{educationId}/outcome", new { version, granted = true, form = "助学金", amountFen = 100_000 })).StatusCode);
        var street = await App.ApiAsAsync("street.huahu");
        var secondStreet = await App.ApiAsAsync("street.huahu");
        await (await street.PostAsJsonAsync($"{url}/{educationId}/outcome", new { version, granted = true, amountFen = 100_000 })).ProblemAsync("Form", "救助方式");
        var today = DateOnly.FromDateTime(DateTime.Today);
        var thisMonth = today.Year * 100 + today.Month;
        var granted = await (await street.PostAsJsonAsync($"{url}/{educationId}/outcome",
            new { version, granted = true, form = "生活补助", amountFen = 100_000, fromMonth = thisMonth, toMonth = thisMonth + 100 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Granted", granted.GetProperty("status").GetString());
        // while it runs, the same aid is not asked for again
        await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = child, kind = "Education", schoolStage = "Compulsory", need = "再次" }))
            .ProblemAsync("Kind", "正在享受教育救助");
        Assert.Equal(HttpStatusCode.Conflict, (await secondStreet.PostAsJsonAsync($"{url}/{educationId}/outcome", new { version, granted = false, outcome = "不予" })).StatusCode);
        var employmentId = employment.GetProperty("id").GetInt32();
        await (await street.PostAsJsonAsync($"{url}/{employmentId}/outcome", new { version = employment.GetProperty("version").GetInt32(), granted = false }))
            .ProblemAsync("Outcome", "写明理由");
        var declined = await (await street.PostAsJsonAsync($"{url}/{employmentId}/outcome",
            new { version = employment.GetProperty("version").GetInt32(), granted = false, outcome = "已在职业培训中，培训结束后安排" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Declined", declined.GetProperty("status").GetString());
        var audited = await App.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(AidReferral) && e.EntityId == educationId.ToString()).CountAsync());
        Assert.True(audited >= 2);

        // Housing: referred, then withdrawn with a reason.
        var housing = await (await caseworker.PostAsJsonAsync(url, new { caseId, personId = head, kind = "Housing", need = "租住私房" })).JsonAsync(HttpStatusCode.Created);
        var housingId = housing.GetProperty("id").GetInt32();
        await (await caseworker.PostAsJsonAsync($"{url}/{housingId}/withdraw", new { version = housing.GetProperty("version").GetInt32() })).ProblemAsync("Outcome", "撤回原因");
        await (await caseworker.PostAsJsonAsync($"{url}/{housingId}/withdraw", new { version = housing.GetProperty("version").GetInt32(), reason = "已获亲属房屋居住" }))
            .JsonAsync(HttpStatusCode.OK);

        // A medical bill settled for the head (by the hospital's billing system) shows against the cap.
        var hospital = await App.ApiAsAsync("hospital.central");
        await (await hospital.PostAsJsonAsync("/api/v1/medical-assistance/settlements", new
        {
            idNumber = headIdNumber, visit = "Inpatient", billNumber = $"ZY-{householdId}", visitDate = DateTime.Today.ToString("yyyy-MM-dd"),
            totalFen = 1_000_000L, inCatalogueFen = 800_000L, basicInsuranceFen = 500_000L, criticalIllnessFen = 0L, otherAidFen = 0L
        })).JsonAsync(HttpStatusCode.Created);

        // A locked roster of the street paid the household this year (a draft one does not count); the community sees it
        // in the package although the roster itself is the street's.
        // months of this year for which no other test makes a 花湖 roster (they use this month, the month after today + 8
        // days and the month after today + 100 days)
        static int NextMonth(DateOnly d) => d.AddDays(1 - d.Day).AddMonths(1) is var n ? n.Year * 100 + n.Month : 0;
        var taken = new[] { thisMonth, NextMonth(today.AddDays(8)), NextMonth(today.AddDays(100)) };
        var free = Enumerable.Range(1, 12).Select(m => today.Year * 100 + m).Where(m => !taken.Contains(m)).ToArray();
        var (paidMonth, draftMonth) = (free[0], free[1]);
        await App.QueryAsync(async db =>
        {
            var locked = new PaymentRoster("420202070000", "花湖街道", paidMonth, "test", DateTime.UtcNow);
            var draft = new PaymentRoster("420202070000", "花湖街道", draftMonth, "test", DateTime.UtcNow);
            db.AddRange(locked, draft);
            await db.SaveChangesAsync();
            db.Add(new RosterLine(locked.Id, caseId, householdId, TestData.Damatou, Programme.Dibao, paidMonth, LineKind.Regular, "户主乙", "工商银行", "6222020000000199", 90_000, null, 3));
            db.Add(new RosterLine(draft.Id, caseId, householdId, TestData.Damatou, Programme.Dibao, draftMonth, LineKind.Regular, "户主乙", "工商银行", "6222020000000199", 90_000, null, 3));
            locked.Generated(1, 1, 90_000, DateTime.UtcNow);
            draft.Generated(1, 1, 90_000, DateTime.UtcNow);
            locked.Review("street.huahu", DateTime.UtcNow);
            locked.Lock("district.staff", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

        package = await (await caseworker.GetAsync($"/api/v1/social-assistance/households/{householdId}/package")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(90_000, package.GetProperty("paidThisYearFen").GetInt64());
        Assert.Equal(90_000, (await (await street.GetAsync($"/api/v1/social-assistance/households/{householdId}/package")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("paidThisYearFen").GetInt64());
        Assert.Equal(3, package.GetProperty("referrals").GetArrayLength());
        Assert.Equal(100_000, package.GetProperty("addOnGrantedThisYearFen").GetInt64());
        Assert.Equal(210_000, package.GetProperty("medicalThisYearFen").GetInt64()); // (8,000 − 5,000) × 70 %
        Assert.Equal(90_000 + 210_000 + 100_000 + 30_000, package.GetProperty("totalThisYearFen").GetInt64());
        Assert.DoesNotContain("Education", Suggestions(package, child)); // granted and still running
        Assert.Contains("Employment", Suggestions(package, head));       // declined: may be asked again
        Assert.Contains("Housing", Suggestions(package, head));          // withdrawn

        // The worklist of open referrals no longer has them; the full list does.
        var open = await (await street.GetAsync($"{url}?open=true&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), r => r.GetProperty("householdId").GetInt32() == householdId);
        var all = await (await street.GetAsync($"{url}?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, all.GetProperty("items").EnumerateArray().Count(r => r.GetProperty("householdId").GetInt32() == householdId));
    }

    [SkippableFact]
    public async Task The_package_page_refers_a_member_and_the_street_records_the_answer()
    {
        var (_, householdId, _, child, _) = await DibaoFamilyAsync();
        var browser = App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.SignInPageAsync("cw.damatou", AppFactory.DemoPassword);
        var page = await browser.GetStringAsync($"/SocialAssistance/Households/{householdId}/Package");
        Assert.Contains("家庭救助套餐", page);
        Assert.Contains("学生乙 · 教育救助", page);
        var caseId = await App.QueryAsync(db => db.Set<AssistanceCase>().Where(c => c.HouseholdId == householdId).Select(c => c.Id).FirstAsync());
        // education without a school stage: the page says so and nothing is saved
        var refused = await browser.PostAsync($"/SocialAssistance/Households/{householdId}/Package", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["target"] = $"{caseId}:{child}:Education", ["Input.Need"] = "学杂费", ["__RequestVerificationToken"] = Http.Token(page),
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("教育救助须选择学段", await refused.Content.ReadAsStringAsync());
        var made = await browser.PostAsync($"/SocialAssistance/Households/{householdId}/Package", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["target"] = $"{caseId}:{child}:Education", ["Input.SchoolStage"] = "Compulsory", ["Input.Need"] = "学杂费", ["__RequestVerificationToken"] = Http.Token(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var referralId = await App.QueryAsync(db => db.Set<AidReferral>().Where(r => r.HouseholdId == householdId).Select(r => r.Id).SingleAsync());
        Assert.Contains("区教育局", await browser.GetStringAsync($"/SocialAssistance/Households/{householdId}/Package"));
        Assert.Contains($"/SocialAssistance/Referrals/{referralId}", await browser.GetStringAsync("/SocialAssistance/Referrals"));
        Assert.DoesNotContain("form-outcome", await browser.GetStringAsync($"/SocialAssistance/Referrals/{referralId}")); // the community does not record answers

        var street = App.CreateClient(new() { AllowAutoRedirect = false });
        await street.SignInPageAsync("street.huahu", AppFactory.DemoPassword);
        var details = await street.GetStringAsync($"/SocialAssistance/Referrals/{referralId}");
        Assert.Contains("form-outcome", details);
        var saved = await street.PostAsync($"/SocialAssistance/Referrals/{referralId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["step"] = "outcome", ["version"] = "0", ["granted"] = "true", ["form"] = "助学金", ["amount"] = "1250.50", ["fromMonth"] = "2026-09", ["toMonth"] = "2027-06",
            ["__RequestVerificationToken"] = Http.Token(details),
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var r = await App.QueryAsync(db => db.Set<AidReferral>().SingleAsync(x => x.Id == referralId));
        Assert.Equal((ReferralStatus.Granted, 125_050L, 202609, 202706), (r.Status, r.AmountFen, r.FromMonth!.Value, r.ToMonth!.Value));
        Assert.Contains("助学金", await street.GetStringAsync($"/SocialAssistance/Referrals/{referralId}"));

        // in English
        await street.GetAsync("/culture?c=en&returnUrl=/");
        var english = await street.GetStringAsync($"/SocialAssistance/Households/{householdId}/Package");
        Assert.Contains("Household assistance package", english);
        Assert.Contains("Education aid", english);
        Assert.DoesNotContain("家庭救助套餐", english);
    }
}

[Collection("sqlite")]
public sealed class SqliteAidPackageTests(SqliteAppFixture f) : AidPackageTests(f);

[Collection("postgres")]
public sealed class PostgresAidPackageTests(PostgresAppFixture f) : AidPackageTests(f);
