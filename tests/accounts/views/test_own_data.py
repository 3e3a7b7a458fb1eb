"""A person downloads their data and deletes their account from their profile."""

import io
import zipfile

from django.urls import reverse

from quizzes.models import User
from tests.factories import MembershipFactory


def test_the_profile_links_to_the_download_and_the_deletion(client_for, student):
    page = client_for(student).get(reverse("profile")).text

    assert reverse("account_data") in page and reverse("account_delete") in page


def test_the_download_is_a_zip_of_the_persons_own_data(client_for, student, educator):
    response = client_for(student).get(reverse("account_data"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="medquiz-my-data-')
    data = zipfile.ZipFile(io.BytesIO(response.content)).read("profile.csv").decode()
    assert "student" in data and educator.email not in data


def test_a_wrong_password_deletes_nothing(client_for, student):
    response = client_for(student).post(reverse("account_delete"), {"password": "guess", "confirm": "delete"})

    assert response.status_code == 400
    assert "That is not your password." in response.text
    student.refresh_from_db()
    assert student.is_active and student.deleted_at is None


def test_deleting_signs_out_and_anonymises_the_account(client_for, student):
    client = client_for(student)

    response = client.post(
        reverse("account_delete"), {"password": "correct horse battery staple", "confirm": "Delete"}
    )

    assert response.status_code == 302 and response["Location"] == reverse("login")
    student.refresh_from_db()
    assert (student.username, student.email, student.first_name) == (f"deleted-{student.pk}", "", "")
    assert client.get(reverse("profile")).status_code == 302  # signed out
    assert User.objects.filter(pk=student.pk).exists()


def test_the_only_educator_is_told_why_they_cannot_delete(client_for, course, educator):
    page = client_for(educator).get(reverse("account_delete")).text
    response = client_for(educator).post(
        reverse("account_delete"), {"password": "correct horse battery staple", "confirm": "delete"}
    )

    assert "only educator of “Calcinosis cutis”" in page
    assert response.status_code == 400
    educator.refresh_from_db()
    assert educator.is_active


def test_a_second_educator_lets_the_first_go(client_for, course, educator):
    MembershipFactory(course=course, role="educator")

    client_for(educator).post(
        reverse("account_delete"), {"password": "correct horse battery staple", "confirm": "delete"}
    )

    educator.refresh_from_db()
    assert educator.deleted_at is not None
