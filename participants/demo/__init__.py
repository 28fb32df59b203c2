"""Demo data of participants, by what it creates: the schools and accounts (order 10), then the
main school's people, their consents and the banks (order 20). ``load_demo`` imports this
package; importing the step modules registers their steps."""

from mentoring_portal.demo import DemoContext, demo_step
from participants.demo import schools
from participants.demo.banks import create_banks
from participants.demo.consents import create_consents
from participants.demo.people import create_people

__all__ = ["create_people_consents_and_banks", "schools"]


@demo_step(order=20)
def create_people_consents_and_banks(context: DemoContext) -> None:
    school = context.objects["organisations"]["main"]
    accounts = context.objects["people"]
    curator = accounts["curator"].user
    people = create_people(school)
    create_consents(school=school, people=people, accounts=accounts, curator=curator)
    create_banks(people=people, accounts=accounts, curator=curator)
    context.objects["participants"] = people
