/**
 * Example application that makes an agent advice fail (an application-supplied Logback event that
 * throws once), for the test that advice failures are counted and never reach the application.
 * Runs on the application's main thread, on the application class path; a test fixture, not an
 * API.
 */
package com.example.faulty;
