// The Android library of CleverKit: the same UniFFI-generated Kotlin as the JVM jar, with JNA's AAR
// and the cdylib cross-compiled per ABI (build-jni-libs.sh). Not built on the project's machines,
// which have no Android SDK or NDK: see README.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "cleverkit-android"
